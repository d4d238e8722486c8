import Foundation
import GRDB
import Measurement

/// The SQLite file that holds every run, machine, case, trial and raw sample.
///
/// Benchmarks are long and may be killed; the store therefore writes each trial in its own
/// transaction (WAL mode, so readers such as `dlbench report` never block the runner), keeps
/// raw samples rather than summaries, and refuses files written by a newer schema instead of
/// guessing at their meaning.
public final class ResultStore: Sendable {
    /// Where the database lives, or ":memory:" for an in-memory store.
    public let path: String
    let queue: DatabaseQueue

    /// Opens (creating when needed) the database at `path`, including its parent directories,
    /// and applies the migrations this build knows.
    public convenience init(path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        let queue: DatabaseQueue
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            queue = try DatabaseQueue(path: path, configuration: ResultStore.configuration())
        } catch {
            throw ResultStoreError.cannotOpen(path: path, reason: "\(error)")
        }
        try self.init(path: path, queue: queue, enableWAL: true)
    }

    /// An empty store that lives in memory only; for tests and dry runs.
    public static func inMemory() throws -> ResultStore {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration())
        } catch {
            throw ResultStoreError.cannotOpen(path: ":memory:", reason: "\(error)")
        }
        return try ResultStore(path: ":memory:", queue: queue, enableWAL: false)
    }

    private init(path: String, queue: DatabaseQueue, enableWAL: Bool) throws {
        self.path = path
        self.queue = queue
        try prepare(enableWAL: enableWAL)
    }

    /// A store in a fresh file under the temporary directory; the caller removes it when done.
    public static func temporary() throws -> ResultStore {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dlbench-results-\(UUID().uuidString)", isDirectory: true)
        return try ResultStore(path: directory.appendingPathComponent("results.sqlite").path)
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Worker processes and a concurrent `dlbench report` may touch the file at once.
        configuration.busyMode = .timeout(10)
        configuration.label = "dlbench.ResultStore"
        return configuration
    }

    private func prepare(enableWAL: Bool) throws {
        if enableWAL {
            try perform("enabling WAL journal mode") { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
        }
        let migrator = ResultStore.migrator
        let applied = try read("reading applied migrations") { db -> Set<String> in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try migrator.appliedIdentifiers(db)
        }
        let unknown = applied.subtracting(migrator.migrations)
        guard unknown.isEmpty else {
            throw ResultStoreError.newerSchema(path: path, unknownMigrations: unknown.sorted())
        }
        do {
            try migrator.migrate(queue)
        } catch {
            throw ResultStoreError.wrap(error, path: path, context: "migrating the schema")
        }
    }

    /// Names of the migrations applied to this database, in registration order.
    public func appliedMigrations() throws -> [String] {
        try read("reading applied migrations") { db in try ResultStore.migrator.appliedMigrations(db) }
    }

    /// Runs `body` in a write transaction, wrapping failures with `context` and the path.
    func write<T>(_ context: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.write(body)
        } catch {
            throw ResultStoreError.wrap(error, path: path, context: context)
        }
    }

    /// Runs `body` for reading, wrapping failures with `context` and the path.
    func read<T>(_ context: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw ResultStoreError.wrap(error, path: path, context: context)
        }
    }

    /// Runs `body` outside a transaction (for PRAGMAs that refuse to run inside one).
    private func perform(_ context: String, _ body: (Database) throws -> Void) throws {
        do {
            try queue.writeWithoutTransaction(body)
        } catch {
            throw ResultStoreError.wrap(error, path: path, context: context)
        }
    }
}
