import XCTest
import GRDB
@testable import ResultStore

/// `merge` used to copy a hand-edited bad row into a good database (which then crashed too) and to migrate the
/// source. Now it opens the source read-only and checks every copied value with the readers' decoders: a bad
/// value refuses the whole merge, naming the source row, and the target is left as it was.
final class ResultStoreMergeValidationTests: TemporaryDatabaseTestCase {
    private var sourcePath: String { directory.appendingPathComponent("source.sqlite").path }
    private var targetPath: String { directory.appendingPathComponent("target.sqlite").path }

    func testABadSourceValueRefusesTheMergeBeforeAnythingIsWritten() throws {
        try recordFullRun(ResultStore(path: sourcePath))
        try handEdit("UPDATE samples SET value = 'fast' WHERE id = 2", path: sourcePath)
        let target = try ResultStore(path: targetPath)
        XCTAssertThrowsError(try target.merge(from: sourcePath)) { error in
            guard case let .badValue(path, table, id, column, found, _)? = error as? ResultStoreError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual([path, table, column, found], [self.sourcePath, "samples", "value", "'fast'"])
            XCTAssertEqual(id, 2)
        }
        XCTAssertEqual(try target.runs(), [], "part of the merge was written")
        XCTAssertEqual(try ResultStore(path: targetPath, access: .readOnly).runs(), [])
    }

    func testABadRunDateInTheSourceIsRefusedToo() throws {
        try recordFullRun(ResultStore(path: sourcePath))
        try handEdit("UPDATE runs SET started_at = 'garbage' WHERE id = 1", path: sourcePath)
        let target = try ResultStore(path: targetPath)
        XCTAssertThrowsError(try target.merge(from: sourcePath)) { error in
            XCTAssertTrue("\(error)".contains("\(self.sourcePath): runs id 1, column started_at: 'garbage' is not a date"),
                          "\(error)")
        }
        XCTAssertEqual(try target.runs(), [])
    }

    func testMergeNeitherMigratesNorModifiesTheSource() throws {
        try writeOlderSchemaDatabase(at: sourcePath, protocolName: "old")
        let before = try contents(sourcePath)
        let target = try ResultStore(path: targetPath)
        XCTAssertEqual(try target.merge(from: sourcePath), MergeSummary(runsAdded: 1))
        XCTAssertEqual(try target.runs().map(\.protocolName), ["old"])
        XCTAssertEqual(try contents(sourcePath), before, "merge modified its source")
    }

    func testAForeignSourceIsRefused() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try handEdit("CREATE TABLE contacts (id INTEGER PRIMARY KEY)", path: sourcePath)
        let target = try ResultStore(path: targetPath)
        XCTAssertThrowsError(try target.merge(from: sourcePath)) { error in
            guard case .foreignDatabase? = error as? ResultStoreError else { return XCTFail("unexpected error \(error)") }
        }
        XCTAssertEqual(try target.runs(), [])
    }
}
