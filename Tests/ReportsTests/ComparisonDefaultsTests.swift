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

/// A full table over several runs names the run of every block; over one run it has no run column.
final class MultiRunTableTests: XCTestCase {
    private func row(run: Int64) -> ReportRow {
        var row = ReportRow(runID: run, machine: "cpu", task: "train", taskKind: "train", engine: "eager", model: "m",
                            dataset: "d", batchSize: 64, metric: "step_time", unit: "ms", n: 2, median: 1, p10: 1,
                            p90: 1, mean: 1, min: 1, max: 1, caseStatus: "succeeded", message: nil)
        row.samples = [1, 1]
        row.sampleTrials = [0, 1]
        return row
    }

    func testARunColumnAppearsOnlyForSeveralRuns() {
        let single = TableReport.render([row(run: 3)], colour: false)
        XCTAssertFalse(single.hasPrefix("run"), single)
        let lines = TableReport.render([row(run: 3), row(run: 4)], colour: false).components(separatedBy: "\n")
        XCTAssertTrue(lines[0].hasPrefix("run"), lines[0])
        let bodies = lines.dropFirst(2).filter { !$0.isEmpty }
        XCTAssertEqual(bodies.count, 2)
        XCTAssertTrue(bodies[0].trimmingCharacters(in: .whitespaces).hasPrefix("3"), bodies[0])
        XCTAssertTrue(bodies[1].trimmingCharacters(in: .whitespaces).hasPrefix("4"), bodies[1])
    }
}
