import Foundation
import GRDB
import Measurement

/// The database that holds every run, machine, case, trial and raw sample: a SQLite file (the embedded default)
/// or, for a fleet, a PostgreSQL database (the PostgreSQLStore module opens one; the queries are the same).
///
/// Benchmarks are long and may be killed; the store therefore writes each trial in its own
/// transaction (WAL mode, so readers such as `dlbench report` never block the runner), keeps
/// raw samples rather than summaries, and refuses files written by a newer schema — or by another
/// program — instead of guessing at their meaning or changing them.
public final class ResultStore: Sendable {
    /// Where the database lives, or ":memory:" for an in-memory store; a server's URL without its password.
    public let path: String
    /// How the file was opened; a `.readOnly` store refuses every write.
    public let access: Access
    let database: any StoreDatabase
    /// SQLite or PostgreSQL: where their SQL differs, queries ask.
    public let dialect: SQLDialect

    /// Opens the database at `path`. `.readWrite` creates it (and its parent directories) when missing or empty
    /// and applies the migrations this build knows; `.readOnly` never modifies the file (see `Access`).
    public convenience init(path: String, access: Access = .readWrite) throws {
        let queue = access == .readWrite ? try ResultStore.openForWriting(path: path)
                                         : try ResultStore.openForReading(path: path)
        self.init(location: path, access: access, database: SQLiteStoreDatabase(queue: queue), dialect: .sqlite)
    }

    /// A store over another database (the PostgreSQLStore module's server connection); the caller has checked and
    /// migrated its schema (`checkAndMigrate(_:path:)`).
    public init(location: String, access: Access, database: any StoreDatabase, dialect: SQLDialect) {
        self.path = location
        self.access = access
        self.database = database
        self.dialect = dialect
    }

    /// An empty store that lives in memory only; for tests and dry runs.
    public static func inMemory() throws -> ResultStore {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration())
        } catch {
            throw ResultStoreError.cannotOpen(path: ":memory:", reason: "\(error)")
        }
        try checkAndMigrate(queue, path: ":memory:")
        return ResultStore(location: ":memory:", access: .readWrite, database: SQLiteStoreDatabase(queue: queue),
                           dialect: .sqlite)
    }

    /// A store in a fresh file under the temporary directory; the caller removes it when done.
    public static func temporary() throws -> ResultStore {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dlbench-results-\(UUID().uuidString)", isDirectory: true)
        return try ResultStore(path: directory.appendingPathComponent("results.sqlite").path)
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Worker processes, concurrent creators and a concurrent `dlbench report` may touch the file at once.
        configuration.busyMode = .timeout(10)
        configuration.label = "dlbench.ResultStore"
        return configuration
    }

    /// Runs `body` in a write transaction, wrapping failures with `context` and the path.
    @discardableResult
    func write<T>(_ context: String, _ body: (any StoreConnection) throws -> T) throws -> T {
        guard access == .readWrite else {
            throw ResultStoreError.notWritable(path: path, reason: "it was opened read-only (while \(context))")
        }
        do {
            return try database.write(body)
        } catch {
            throw ResultStoreError.wrap(error, path: path, context: context)
        }
    }

    /// Runs `body` for reading, wrapping failures with `context` and the path.
    func read<T>(_ context: String, _ body: (any StoreConnection) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch {
            throw ResultStoreError.wrap(error, path: path, context: context)
        }
    }
}
