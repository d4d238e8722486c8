import XCTest
import ResultStore
@testable import Reports

/// Every output format, rendered from the fixed `GoldenDatabase`, must match its file under Golden/.
final class GoldenFormatTests: XCTestCase {
    func testTableMatchesItsGoldenFile() throws {
        let selection = try GoldenDatabase.selection()
        try assertMatchesGolden(TableReport.render(selection.rows, colour: false)
                                + PivotReport.table(PivotTable(rows: selection.rows, baselineEngine: "eager")), "report.txt")
    }

    func testCSVMatchesItsGoldenFile() throws {
        try assertMatchesGolden(CSVReport.render(try GoldenDatabase.selection().rows), "report.csv")
    }

    func testJSONMatchesItsGoldenFileAndParses() throws {
        let selection = try GoldenDatabase.selection()
        let json = JSONReport.render(rows: selection.rows, runs: selection.runs,
                                     pivot: PivotTable(rows: selection.rows, baselineEngine: "eager"))
        try assertMatchesGolden(json, "report.json")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["schema"] as? String, JSONReport.schemaIdentifier)
        XCTAssertEqual((object["rows"] as? [Any])?.count, selection.rows.count)
    }

    func testMarkdownMatchesItsGoldenFile() throws {
        let selection = try GoldenDatabase.selection()
        try assertMatchesGolden(MarkdownReport.render(selection.rows, pivot: PivotTable(rows: selection.rows, baselineEngine: "eager")),
                                "report.md")
    }

    func testHTMLMatchesItsGoldenFile() throws {
        let selection = try GoldenDatabase.selection()
        try assertMatchesGolden(HTMLReport.render(rows: selection.rows, runs: selection.runs), "report.html")
    }

    func testExportsMatchTheirGoldenFiles() throws {
        let rows = try GoldenDatabase.selection().rows
        try assertMatchesGolden(BenchmarkExport.githubBenchmark(rows, direction: .smallerIsBetter), "github-benchmark-smaller.json")
        try assertMatchesGolden(BenchmarkExport.githubBenchmark(rows, direction: .biggerIsBetter), "github-benchmark-bigger.json")
        try assertMatchesGolden(BenchmarkExport.bencherMetricFormat(rows), "bmf.json")
    }

    func testComparisonMatchesItsGoldenFiles() throws {
        let store = try ResultStore.inMemory()
        let first = try GoldenDatabase.make(in: store)
        let second = try GoldenDatabase.make(in: store, slowdown: 1.25, startedAt: GoldenDatabase.startedAt.addingTimeInterval(60))
        let comparison = RunComparison(baseline: try ReportBuilder.rows(from: store, runID: first),
                                       candidate: try ReportBuilder.rows(from: store, runID: second))
        try assertMatchesGolden(ComparisonReport.render(comparison, format: .markdown), "compare.md")
        try assertMatchesGolden(ComparisonReport.render(comparison, format: .json), "compare.json")
        XCTAssertEqual(comparison.regressions.map(\.key.description),
                       ["train/eager/cpu-1/b64 step_time", "train/fused/cpu-1/b64 step_time"])
    }

    func testAJSONReportServesAsABaselineFile() throws {
        let selection = try GoldenDatabase.selection()
        let json = JSONReport.render(rows: selection.rows, runs: selection.runs)
        let baseline = try BaselineFile.decode(Data(json.utf8), path: "baseline.json")
        XCTAssertEqual(baseline.count, selection.rows.filter { !$0.metric.isEmpty }.count)
        let comparison = RunComparison(baseline: baseline, candidate: selection.rows)
        XCTAssertEqual(comparison.rows.count, baseline.count)
        XCTAssertTrue(RegressionGate.gate(comparison).passed)
        // The file gives times in seconds (schema 3); read back against rows stored in ms, every ratio is 1.
        XCTAssertTrue(json.contains(#""unit": "s""#))
        for row in comparison.rows { XCTAssertEqual(row.comparison.ratio, 1, accuracy: 1e-9, "\(row.key)") }
    }

    func testAHandWrittenBaselineOfMediansIsAReferenceTestedWithTheCandidatesTrials() throws {
        let text = #"{"rows": [{"task": "train", "engine": "eager", "batchSize": 64, "metric": "step_time", "median": 1.5}]}"#
        let baseline = try BaselineFile.decode(Data(text.utf8), path: "small.json")
        XCTAssertTrue(baseline[0].isReference)
        let comparison = RunComparison(baseline: baseline, candidate: try GoldenDatabase.selection().rows)
        XCTAssertEqual(comparison.rows.count, 1)
        XCTAssertEqual(comparison.rows[0].comparison.design, .reference)
        XCTAssertLessThan(try XCTUnwrap(comparison.rows[0].comparison.pValue), 0.01)
        XCTAssertEqual(comparison.rows[0].comparison.verdict, .slower)
    }
}
