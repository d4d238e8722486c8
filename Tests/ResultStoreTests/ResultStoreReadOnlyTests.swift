import XCTest
import GRDB
@testable import ResultStore

/// Read commands open the database read-only: they never migrate, switch the journal mode or write, so a 0444
/// file, a file in a 0555 directory or on a read-only mount can be read (it used to fail with SQLite error 14/8).
/// Tests run as root in CI, where chmod stops nothing; so the read-only guarantee is tested through
/// `Access.readOnly` itself (the file's bytes, its schema, refused writes), and the chmod tests also assert that
/// a writer is refused when the process is not root.
final class ResultStoreReadOnlyTests: TemporaryDatabaseTestCase {
    private var isRoot: Bool { geteuid() == 0 }

    /// A database with one full run, every connection closed (so the WAL is checkpointed into the file).
    private func makeDatabase() throws -> Int64 {
        try recordFullRun(openStore())
    }

    func testReadOnlyOpenReadsAndNeverWrites() throws {
        let run = try makeDatabase()
        let before = try contents(databasePath)
        let store = try ResultStore(path: databasePath, access: .readOnly)
        XCTAssertEqual(store.access, .readOnly)
        XCTAssertEqual(try store.runs().count, 2)
        XCTAssertEqual(try store.caseResults(runID: run).count, 1)
        XCTAssertThrowsError(try store.beginRun(protocolName: "p", protocolPath: "p", protocolText: "p",
                                                startedAt: Date(), dlbenchCommit: nil)) { error in
            guard case .notWritable? = error as? ResultStoreError else { return XCTFail("unexpected error \(error)") }
            XCTAssertTrue("\(error)".contains("opened read-only"), "\(error)")
        }
        XCTAssertEqual(try contents(databasePath), before)
    }

    func testReadOnlyOpenOfAnOlderSchemaMigratesInMemoryOnly() throws {
        try writeOlderSchemaDatabase(at: databasePath, protocolName: "p")
        let before = try contents(databasePath)

        let store = try ResultStore(path: databasePath, access: .readOnly)
        XCTAssertEqual(try store.runs().map(\.protocolHash), ["hash"])
        XCTAssertEqual(try store.kernelProfiles(runID: 1), [])  // v3's table exists in the in-memory copy
        XCTAssertEqual(try store.appliedMigrations().count, 5)
        XCTAssertEqual(try contents(databasePath), before, "the read-only open migrated the file")
        XCTAssertEqual(try ResultStore(path: databasePath).appliedMigrations().count, 5, "a writer still migrates")
    }

    func testReadOnlyOpenOfAMissingFileIsAnError() throws {
        XCTAssertThrowsError(try ResultStore(path: databasePath, access: .readOnly)) { error in
            guard case .cannotOpen? = error as? ResultStoreError else { return XCTFail("unexpected error \(error)") }
            XCTAssertTrue("\(error)".contains("no such file"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: databasePath))
    }

    func testA0444FileIsReadable() throws {
        _ = try makeDatabase()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: databasePath)
        XCTAssertEqual(try ResultStore(path: databasePath, access: .readOnly).runs().count, 2)
        if !isRoot {
            XCTAssertThrowsError(try ResultStore(path: databasePath)) { error in
                guard case .notWritable? = error as? ResultStoreError else { return XCTFail("unexpected error \(error)") }
            }
        }
    }

    func testAFileInA0555DirectoryIsReadable() throws {
        _ = try makeDatabase()
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path) }
        XCTAssertEqual(try ResultStore(path: databasePath, access: .readOnly).runs().count, 2)
        if !isRoot {
            XCTAssertThrowsError(try ResultStore(path: databasePath)) { error in
                guard case .notWritable? = error as? ResultStoreError else { return XCTFail("unexpected error \(error)") }
                XCTAssertTrue("\(error)".contains("directory is not writable"), "\(error)")
            }
        }
    }

    /// The fallback for read-only media (no -shm can be created): an `immutable` URI, with the path escaped.
    func testImmutableURIReadsAWALDatabaseAtAnAwkwardPath() throws {
        let path = directory.appendingPathComponent("a dir #1 ?x=%20/results.sqlite").path
        _ = try recordFullRun(ResultStore(path: path))
        XCTAssertEqual(try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }, "wal")
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: ResultStore.immutableURI(path), configuration: configuration)
        XCTAssertEqual(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") }, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("a dir #1 ").path),
                       "the URI was taken as a file name")
    }

    func testErrorMessagesNameTheDbFlag() {
        let newer = ResultStoreError.newerSchema(path: "r.sqlite", unknownMigrations: ["v9"])
        XCTAssertTrue("\(newer)".contains("--db"))
        XCTAssertFalse("\(newer)".contains("--database"))
    }
}
