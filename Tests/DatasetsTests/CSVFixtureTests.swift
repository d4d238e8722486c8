import XCTest
import _TestSupport
@testable import Datasets

/// Files written by Python's csv module (Fixtures/make-csv-fixtures.py) load to the numbers that were written,
/// whatever the quoting: every fixture holds the rows (1.5, −2, 0), (0.25, 3e-05, 1), (4, 5.5, 2).
final class CSVFixtureTests: XCTestCase {
    private let features: [Float] = [1.5, -2, 0.25, 3e-05, 4, 5.5]

    private func assertLoads(_ name: String, header: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let path = DatasetFixtures.path("csv/" + name)
        for labelColumn in [CSVLabelColumn.named("label"), .index(-1)] {
            let split = try CSVDataset.load(path: path, classes: 3, labelColumn: labelColumn)
            XCTAssertEqual(split.labels, [0, 1, 2], name, file: file, line: line)
            XCTAssertEqual(split.exampleShape, [2], name, file: file, line: line)
            assertAllClose(split.features, features, file: file, line: line)
        }
        var reader = CSVRecordReader(bytes: try FileBytes.read(path), file: path)
        XCTAssertEqual(try reader.next()?.fields, header, name, file: file, line: line)
    }

    func testQuoteMinimalWithACommaInAHeaderName() throws {
        try assertLoads("quote-minimal.csv", header: ["x,1", "x2", "label"])
    }

    func testQuoteAll() throws {
        try assertLoads("quote-all.csv", header: ["x1", "x2", "label"])
    }

    func testQuoteNonNumeric() throws {
        try assertLoads("quote-nonnumeric.csv", header: ["x1", "x2", "label"])
    }

    func testLFRecordsByteOrderMarkAndHeaderNamesWithQuotesAndLineEnds() throws {
        try assertLoads("quote-minimal-lf-bom.csv", header: ["say \"hi\"", "two\nlines", "label"])
    }

    /// The fixtures are what Python writes by default: CRLF records (the LF one excepted), quotes only where needed.
    func testFixturesHaveTheBytesPythonWrites() throws {
        let minimal = try FileBytes.read(DatasetFixtures.path("csv/quote-minimal.csv"))
        XCTAssertEqual(String(decoding: minimal, as: UTF8.self), "\"x,1\",x2,label\r\n1.5,-2.0,0\r\n0.25,3e-05,1\r\n4.0,5.5,2\r\n")
        let all = try FileBytes.read(DatasetFixtures.path("csv/quote-all.csv"))
        XCTAssertTrue(String(decoding: all, as: UTF8.self).hasPrefix("\"x1\",\"x2\",\"label\"\r\n\"1.5\",\"-2.0\",\"0\"\r\n"))
    }
}
