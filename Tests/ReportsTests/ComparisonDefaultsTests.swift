import Measurement
@testable import Reports
import XCTest

/// `compare` leads with what changed: only faster/slower rows unless `--all` (with a count of the rest), and the
/// geometric mean covers time metrics only (memory, losses and counts are not speeds).
final class ComparisonDefaultsTests: XCTestCase {
    private func row(_ metric: String, unit: String, trials: [[Double]], engine: String = "eager") -> ReportRow {
        var row = ReportRow(runID: 1, machine: "cpu", task: "train", taskKind: "train", engine: engine, model: "mlp",
                            dataset: "d", batchSize: 64, metric: metric, unit: unit, n: 0, median: nil, p10: nil,
                            p90: nil, mean: nil, min: nil, max: nil, caseStatus: "succeeded", message: nil)
        row.samples = trials.flatMap { $0 }
        row.sampleTrials = trials.enumerated().flatMap { index, values in values.map { _ in index } }
        row.n = row.samples.count
        return row
    }

    private func trials(_ center: Double, count: Int = 8) -> [[Double]] {
        (0..<count).map { index in [center * (1 + 0.01 * Double(index % 3 - 1))] }
    }

    func testOnlyChangedRowsByDefaultAndTimeOnlyGeometricMean() throws {
        let baseline = [row("step_time", unit: "ms", trials: trials(2.0)),
                        row("peak_live_bytes", unit: "bytes", trials: trials(1000)),
                        row("final_loss", unit: "loss", trials: trials(0.5))]
        let candidate = [row("step_time", unit: "ms", trials: trials(1.0)),
                         row("peak_live_bytes", unit: "bytes", trials: trials(4000)),
                         row("final_loss", unit: "loss", trials: trials(0.5))]
        let comparison = RunComparison(baseline: baseline, candidate: candidate,
                                       settings: ComparisonSettings(runSpread: 0))
        XCTAssertEqual(comparison.changedRows.map(\.key.metric), ["step_time", "peak_live_bytes"])
        XCTAssertEqual(comparison.geometricMeans.map(\.metric), ["step_time", "all time metrics"])
        XCTAssertEqual(comparison.geometricMeans.last?.speedup ?? 0, 2, accuracy: 1e-9)
        let text = ComparisonReport.render(comparison, format: .table, allRows: false)
        XCTAssertFalse(text.contains("final_loss"), text)
        XCTAssertTrue(text.contains("2 of 3 case × metric rows changed; not shown: 1 same, 0 inconclusive (--all"), text)
        XCTAssertTrue(ComparisonReport.render(comparison, format: .table, allRows: true).contains("final_loss"))
    }

    /// One trial a side is no evidence: never a verdict of change.
    func testOneTrialPerSideIsInconclusive() throws {
        let comparison = RunComparison(baseline: [row("data_load_time", unit: "ms", trials: [[10]])],
                                       candidate: [row("data_load_time", unit: "ms", trials: [[5]])],
                                       settings: ComparisonSettings(runSpread: 0))
        XCTAssertEqual(comparison.rows.first?.comparison.verdict, .inconclusive)
        XCTAssertTrue(comparison.changedRows.isEmpty)
    }
}
