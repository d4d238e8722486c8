import Foundation
import Measurement
import ResultStore

/// Turns the raw samples of a run into report rows.
///
/// Reports never see raw samples: summarising happens once, here, with `SampleSummary`, so every
/// output format shows the same statistics.
public enum ReportBuilder {
    /// One row per case × metric, in case order then first-recorded metric order. A skipped case, or
    /// one without samples, gives a single row with status, message and no numbers. A failed case keeps
    /// the trials it finished (a run interrupted by a signal, a crash in a later trial): nothing measured is
    /// hidden, and its status and message say why it is incomplete.
    public static func rows(from store: ResultStore, runID: Int64) throws -> [ReportRow] {
        try rows(from: store.caseResults(runID: runID))
    }

    /// Same as `rows(from:runID:)` for cases already loaded.
    public static func rows(from cases: [CaseResult]) -> [ReportRow] {
        cases.flatMap(rows(for:))
    }

    static func rows(for result: CaseResult) -> [ReportRow] {
        let withoutNumbers = result.status == .skipped || result.series.isEmpty
        if withoutNumbers {
            return [row(for: result, metric: "", unit: "", summary: nil)]
        }
        return result.series.map { series in
            var row = row(for: result, metric: series.metric, unit: series.unit, summary: SampleSummary(series.values))
            row.samples = series.values
            row.sampleTrials = series.trials
            return row
        }
    }

    private static func row(for result: CaseResult, metric: String, unit: String, summary: SampleSummary?) -> ReportRow {
        var row = ReportRow(
            runID: result.runID, machine: result.machine.name, task: result.task, taskKind: result.taskKind,
            engine: result.engine, model: result.model, dataset: result.dataset, batchSize: result.batchSize,
            metric: metric, unit: unit, n: summary?.count ?? 0, median: summary?.median, p10: summary?.p10,
            p90: summary?.p90, mean: summary?.mean, min: summary?.minimum, max: summary?.maximum,
            caseStatus: result.status.rawValue, message: result.message)
        row.machineIdentity = result.machine.identityHash
        return row
    }
}
