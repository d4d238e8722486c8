import XCTest
import ProtocolModel
import ResultStore
@testable import Reports

/// The headline as printed at the end of `run` and by the default `report`, from fixed rows.
final class HeadlineGoldenTests: XCTestCase {
    func testHeadlineMatchesItsGoldenFile() throws {
        let rows = HeadlineTests.train
            + [HeadlineFixtures.empty(engine: "opencl", status: "skipped", message: "no OpenCL device (install PoCL)")]
            + ["eager": 0.5, "traced": 0.4375, "fused": 0.25].sorted { $0.value > $1.value }.map {
                HeadlineTests.latency(engine: $0.key, batchSize: 1, value: $0.value)
            }
        let expectation = PerformanceExpectation(task: "train", engine: "fused", baseline: "eager", atLeastFaster: 2)
        let headline = Headline(rows: rows, facts: [1: ProtocolFacts(baselineEngine: "eager", expectations: [expectation])])
        let warnings = WarningDigest(warnings: WarningDigestTests.warnings, caseLabels: WarningDigestTests.labels)
        let text = HeadlineReport.render(headline, title: "run 1 · golden · completed",
                                         footer: [warnings.summaryLine(detailsCommand: "dlbench report --warnings")],
                                         colour: false)
        try assertMatchesGolden(text, "headline.txt")
        XCTAssertLessThanOrEqual(text.split(separator: "\n").map(\.count).max() ?? 0, 100, "fits 100 columns")
    }
}
