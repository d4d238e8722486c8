import Foundation
import GRDB
import Measurement

/// The SQLite file that holds every run, machine, case, trial and raw sample.
///
/// Benchmarks are long and may be killed; the store therefore writes each trial in its own
/// transaction (WAL mode, so readers such as `dlbench report` never block the runner), keeps
/// raw samples rather than summaries, and refuses files written by a newer schema — or by another
/// program — instead of guessing at their meaning or changing them.
public final class ResultStore: Sendable {
    /// Where the database lives, or ":memory:" for an in-memory store.
    public let path: String
    /// How the file was opened; a `.readOnly` store refuses every write.
    public let access: Access
    let queue: DatabaseQueue

    /// Opens the database at `path`. `.readWrite` creates it (and its parent directories) when missing or empty
    /// and applies the migrations this build knows; `.readOnly` never modifies the file (see `Access`).
    public convenience init(path: String, access: Access = .readWrite) throws {
        let queue = access == .readWrite ? try ResultStore.openForWriting(path: path)
                                         : try ResultStore.openForReading(path: path)
        self.init(path: path, access: access, queue: queue)
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
        return ResultStore(path: ":memory:", access: .readWrite, queue: queue)
    }

    private init(path: String, access: Access, queue: DatabaseQueue) {
        self.path = path
        self.access = access
        self.queue = queue
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
    func write<T>(_ context: String, _ body: (Database) throws -> T) throws -> T {
        guard access == .readWrite else {
            throw ResultStoreError.notWritable(path: path, reason: "it was opened read-only (while \(context))")
        }
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
}
