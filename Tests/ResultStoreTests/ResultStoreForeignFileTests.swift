import XCTest
import GRDB
import ResultStore

/// `dlbench runs --db other-programs.sqlite` used to add 9 tables to someone else's database and switch it to WAL.
/// Now a file that is not dlbench's is refused, by writers and readers alike, and left byte for byte unchanged.
final class ResultStoreForeignFileTests: TemporaryDatabaseTestCase {
    private func makeForeignDatabase(migrations: [String] = []) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: databasePath)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('Ada')")
            if !migrations.isEmpty {
                try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                for migration in migrations {
                    try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [migration])
                }
            }
        }
        try queue.close()
    }

    private func assertRefusedUnchanged(tables: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try contents(databasePath)
        for access in [ResultStore.Access.readWrite, .readOnly] {
            XCTAssertThrowsError(try ResultStore(path: databasePath, access: access), file: file, line: line) { error in
                guard case let .foreignDatabase(path, found)? = error as? ResultStoreError else {
                    return XCTFail("unexpected error \(error)", file: file, line: line)
                }
                XCTAssertEqual(path, self.databasePath, file: file, line: line)
                XCTAssertEqual(found, tables, file: file, line: line)
                XCTAssertTrue("\(error)".contains("is a SQLite database that dlbench did not create (tables: "
                                                  + tables.joined(separator: ", ") + ")"), file: file, line: line)
                XCTAssertTrue("\(error)".contains("pass a new path to --db"), file: file, line: line)
            }
        }
        XCTAssertEqual(try contents(databasePath), before, "the file was modified", file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: databasePath + "-wal"), file: file, line: line)
        let mode = try DatabaseQueue(path: databasePath).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "delete", "the journal mode was switched", file: file, line: line)
    }

    func testAnotherProgramsDatabaseIsRefusedAndLeftUnchanged() throws {
        try makeForeignDatabase()
        try assertRefusedUnchanged(tables: ["contacts"])
    }

    func testAnotherGRDBAppsDatabaseIsForeignNotNewer() throws {
        try makeForeignDatabase(migrations: ["createContacts"])
        try assertRefusedUnchanged(tables: ["contacts", "grdb_migrations"])
    }

    func testAFileThatIsNotSQLiteIsRefusedAndLeftUnchanged() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let text = Data(String(repeating: "not a database\n", count: 100).utf8)
        try text.write(to: URL(fileURLWithPath: databasePath))
        for access in [ResultStore.Access.readWrite, .readOnly] {
            XCTAssertThrowsError(try ResultStore(path: databasePath, access: access)) { error in
                guard case .notADatabase? = error as? ResultStoreError else { return XCTFail("unexpected error \(error)") }
                XCTAssertTrue("\(error)".contains("\(self.databasePath) is not a SQLite database"), "\(error)")
            }
        }
        XCTAssertEqual(try contents(databasePath), text)
    }

    func testAnEmptyFileIsCreatedByWritersAndReadAsEmptyByReaders() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: databasePath, contents: Data()))
        let reader = try ResultStore(path: databasePath, access: .readOnly)
        XCTAssertEqual(try reader.runs(), [])
        XCTAssertEqual(try contents(databasePath), Data(), "a reader wrote to the empty file")
        let writer = try ResultStore(path: databasePath)
        XCTAssertEqual(try writer.appliedMigrations().count, 5)
        XCTAssertNotNil(try recordFullRun(writer))
    }

    func testAFileWithOnlyAnEmptyMigrationTableIsNotForeign() throws {
        // What an old build left when it stopped between creating grdb_migrations and the first migration.
        try makeForeignDatabase(migrations: [])
        try handEdit("DROP TABLE contacts; CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        XCTAssertEqual(try ResultStore(path: databasePath).appliedMigrations().count, 5)
    }
}
