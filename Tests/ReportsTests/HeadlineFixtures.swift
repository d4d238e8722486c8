import Foundation
import Measurement
@testable import Reports

/// Report rows built from per-trial samples, for the headline tests: each trial's values are given, so every
/// estimate and interval can be computed by hand.
enum HeadlineFixtures {
    static func row(task: String = "train", kind: String = "train", engine: String, batchSize: Int? = 64,
                    metric: String, unit: String, trials: [[Double]], status: String = "succeeded",
                    message: String? = nil, runID: Int64 = 1, machine: String = "cpu") -> ReportRow {
        let values = trials.flatMap { $0 }
        let summary = SampleSummary(values)
        var row = ReportRow(runID: runID, machine: machine, task: task, taskKind: kind, engine: engine, model: "mlp",
                            dataset: "clusters", batchSize: batchSize, metric: metric, unit: unit, n: values.count,
                            median: summary?.median, p10: summary?.p10, p90: summary?.p90, mean: summary?.mean,
                            min: summary?.minimum, max: summary?.maximum, caseStatus: status, message: message)
        row.samples = values
        row.sampleTrials = trials.enumerated().flatMap { index, trial in [Int](repeating: index, count: trial.count) }
        return row
    }

    /// A case without samples (failed or skipped before measuring).
    static func empty(task: String = "train", kind: String = "train", engine: String, batchSize: Int? = 64,
                      status: String, message: String) -> ReportRow {
        ReportRow(runID: 1, machine: "cpu", task: task, taskKind: kind, engine: engine, model: "mlp", dataset: "clusters",
                  batchSize: batchSize, metric: "", unit: "", n: 0, median: nil, p10: nil, p90: nil, mean: nil, min: nil,
                  max: nil, caseStatus: status, message: message)
    }

    /// Each trial's step times: `value` and `value` × (1 ± 1/16), so the trial median is `value × scale[trial]`.
    static func steps(_ value: Double, trialScales: [Double]) -> [[Double]] {
        trialScales.map { scale in [value * scale * 15 / 16, value * scale, value * scale * 17 / 16] }
    }

    /// A training case: step_time, time_to_first_step, peak_rss_bytes and (unless eager) deviation_from_eager.
    static func trainCase(engine: String, step: Double, firstStep: Double, rss: Double, deviation: Double?,
                          trialScales: [Double] = [1, 1.03125, 0.96875, 1.015625]) -> [ReportRow] {
        var rows = [
            row(engine: engine, metric: "step_time", unit: "ms", trials: steps(step, trialScales: trialScales)),
            row(engine: engine, metric: "time_to_first_step", unit: "ms", trials: trialScales.map { [firstStep * $0] }),
            row(engine: engine, metric: "peak_rss_bytes", unit: "bytes", trials: trialScales.map { _ in [rss] }),
        ]
        if let deviation {
            rows.append(row(engine: engine, metric: "deviation_from_eager", unit: "relative",
                            trials: trialScales.map { _ in [deviation] }))
        }
        return rows
    }
}
