import Foundation
import GRDB
import XCTest

/// Every reader survives a database it cannot trust: a hand-edited bad value is an error naming table, row and
/// column (exit 2, no trap), and another program's SQLite file is refused and left byte-for-byte unchanged.
final class DatabaseSafetyTests: CommandLineTestCase {
    func testABadValueIsAnErrorNamingItsPlaceForEveryReader() throws {
        let path = try write(protocolText(trials: 1), to: "p.json")
        XCTAssertEqual(try dlbench(["run", path, "--db", "r.sqlite", "--quiet"]).status, 0)
        let queue = try DatabaseQueue(path: folder + "/r.sqlite")
        try queue.write { try $0.execute(sql: "UPDATE runs SET started_at = 'garbage'") }
        try queue.close()
        for command in [["runs"], ["report"], ["compare", "1", "1"], ["check", "--baseline-run", "1"]] {
            let result = try dlbench(command + ["--db", "r.sqlite"])
            XCTAssertEqual(result.status, 2, "\(command): \(result.errors)")
            XCTAssertEqual(result.reason, .exit, "\(command) must not trap")
            XCTAssertTrue(result.errors.contains("runs id 1, column started_at: 'garbage' is not a date"),
                          "\(command): \(result.errors)")
        }
        let merged = try dlbench(["merge", "r.sqlite", "--into", "all.sqlite"])
        XCTAssertEqual(merged.status, 2, merged.errors)
        XCTAssertTrue(merged.errors.contains("started_at"), merged.errors)
    }

    func testAnotherProgramsDatabaseIsRefusedUntouched() throws {
        let foreign = folder + "/app.sqlite"
        let queue = try DatabaseQueue(path: foreign)
        try queue.write { try $0.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine')") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let path = try write(protocolText(trials: 1), to: "p.json")
        for command in [["runs", "--db", "app.sqlite"], ["run", path, "--db", "app.sqlite", "--quiet"]] {
            let result = try dlbench(command)
            XCTAssertEqual(result.status, 2, "\(command): \(result.errors)")
            XCTAssertTrue(result.errors.contains("notes"), "the message lists what the file holds: \(result.errors)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: foreign)), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: foreign + "-wal"))
    }
}
