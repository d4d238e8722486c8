import XCTest
@testable import Reports

final class TableReportTests: XCTestCase {
    func testAllLinesHaveTheSameWidth() {
        let text = TableReport.render(ReportFixtures.rows, colour: false)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, ReportFixtures.rows.count + 2)
        XCTAssertEqual(Set(lines.map(\.count)).count, 1, "ragged table:\n\(text)")
        XCTAssertFalse(text.contains("\u{1B}["))
    }

    func testUnitsAreScaledAndRepeatedCaseColumnsBlanked() {
        let text = TableReport.render(ReportFixtures.rows, colour: false)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[2].contains("12.30") && lines[2].contains("11.90–13.10"), lines[2])
        XCTAssertTrue(lines[2].contains("ms"), lines[2])
        XCTAssertTrue(lines[3].contains("3.000"), lines[3])
        XCTAssertTrue(lines[3].contains("MiB"), lines[3])
        XCTAssertFalse(lines[3].contains("eager"), "repeated engine should be blank: \(lines[3])")
        XCTAssertTrue(lines[4].contains("failed: kernel build failed"), lines[4])
    }

    func testColourOnlyWhenAsked() {
        let coloured = TableReport.render(ReportFixtures.rows, colour: true)
        XCTAssertTrue(coloured.contains("\u{1B}[31m"))
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        XCTAssertEqual(stripped, TableReport.render(ReportFixtures.rows, colour: false))
    }

    func testQuantityScaleChoices() {
        XCTAssertEqual(QuantityScale.choose(unit: "s", magnitude: 2.5).unit, "s")
        XCTAssertEqual(QuantityScale.choose(unit: "s", magnitude: 0.0005).unit, "µs")
        XCTAssertEqual(QuantityScale.choose(unit: "ns", magnitude: 2_000_000).unit, "ms")
        XCTAssertEqual(QuantityScale.choose(unit: "ns", magnitude: 2_000_000).format(2_000_000), "2.000")
        XCTAssertEqual(QuantityScale.choose(unit: "ms", magnitude: 0.5).format(0.5), "500.0")
        XCTAssertEqual(QuantityScale.choose(unit: "bytes", magnitude: 512).unit, "B")
        XCTAssertEqual(QuantityScale.choose(unit: "samples/s", magnitude: 1234.6).format(1234.6), "1235")
    }
}
