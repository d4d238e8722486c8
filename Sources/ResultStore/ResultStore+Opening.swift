import Foundation
import GRDB

extension ResultStore {
    /// How a store opens its file.
    public enum Access: Sendable, Equatable {
        /// Create when missing, migrate, switch to WAL; for commands that record or merge results.
        case readWrite
        /// Never modify the file: no migration, no journal-mode switch, no write. For `runs`, `report`,
        /// `compare`, `check` and merge sources, so a read-only file, directory or mount can be read.
        case readOnly
    }

    /// Opens `path` for writing: refuses a file that is not writable, not SQLite, not dlbench's or newer, before
    /// changing anything; then migrates in one transaction and switches to WAL.
    static func openForWriting(path: String) throws -> DatabaseQueue {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: path) {
            if !fileManager.isWritableFile(atPath: path) {
                throw ResultStoreError.notWritable(path: path, reason: "the file is not writable")
            }
            if !fileManager.isWritableFile(atPath: directory.path) {
                throw ResultStoreError.notWritable(
                    path: path, reason: "its directory is not writable (SQLite needs it for the -wal and -shm files)")
            }
        }
        let queue: DatabaseQueue
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
            queue = try DatabaseQueue(path: path, configuration: configuration())
        } catch {
            throw openingError(error, path: path, context: "opening")
        }
        try checkAndMigrate(queue, path: path)
        try enableWAL(queue, path: path)
        return queue
    }

    /// Opens `path` read-only. A file on read-only media whose WAL index cannot be created is opened `immutable`.
    /// A file of an older schema (or an empty file) is copied into memory and migrated there, never on disk.
    static func openForReading(path: String) throws -> DatabaseQueue {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ResultStoreError.cannotOpen(path: path, reason: "no such file")
        }
        var configuration = configuration()
        configuration.readonly = true
        var (queue, state): (DatabaseQueue, SchemaState)
        do {
            (queue, state) = try inspectReadOnly(path, configuration)
        } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode) {
            do {
                (queue, state) = try inspectReadOnly(immutableURI(path), configuration)
            } catch {
                throw openingError(error, path: path, context: "opening read-only")
            }
        } catch {
            throw openingError(error, path: path, context: "opening read-only")
        }
        try state.check(path: path)
        let pending = state.pending
        guard !pending.isEmpty else { return queue }
        do {
            let memory = try DatabaseQueue(configuration: ResultStore.configuration())
            try queue.backup(to: memory)
            try memory.write { db in try apply(pending, db) }
            return memory
        } catch {
            throw openingError(error, path: path, context: "migrating a read-only copy in memory")
        }
    }

    private static func inspectReadOnly(_ path: String, _ configuration: Configuration) throws
        -> (DatabaseQueue, SchemaState) {
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        return (queue, try queue.read(SchemaState.inspect))
    }

    /// `file:` URI with `immutable=1`: SQLite then reads the file without locks or a WAL index, which works on
    /// read-only media (the caveat: changes in a left-over -wal file are not seen).
    static func immutableURI(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.absoluteString + "?mode=ro&immutable=1"
    }

    /// Switches to WAL (readers never block the runner). Changing the journal mode needs an exclusive lock, and
    /// SQLite reports busy without waiting for it, so a concurrent creator retries with backoff for 10 s.
    static func enableWAL(_ queue: DatabaseQueue, path: String) throws {
        let deadline = Date().addingTimeInterval(10)
        var delay = 0.002
        while true {
            do {
                try queue.writeWithoutTransaction { db in
                    guard try String.fetchOne(db, sql: "PRAGMA journal_mode")?.lowercased() != "wal" else { return }
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
                return
            } catch let error as DatabaseError
                        where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && Date() < deadline {
                Thread.sleep(forTimeInterval: delay * Double.random(in: 0.5...1.5))
                delay = min(delay * 2, 0.1)
            } catch {
                throw openingError(error, path: path, context: "enabling WAL journal mode")
            }
        }
    }

    /// Maps an error met while opening: a file that is not SQLite and a read-only file get their own cases.
    static func openingError(_ error: Error, path: String, context: String) -> ResultStoreError {
        if let databaseError = error as? DatabaseError {
            switch databaseError.resultCode {
            case .SQLITE_NOTADB:
                return .notADatabase(path: path, reason: databaseError.message ?? "file is not a database")
            case .SQLITE_READONLY:
                return .notWritable(path: path, reason: databaseError.message ?? "read-only")
            case .SQLITE_CANTOPEN:
                return .cannotOpen(path: path, reason: databaseError.message ?? "unable to open database file")
            default:
                break
            }
        }
        return ResultStoreError.wrap(error, path: path, context: context)
    }
}
