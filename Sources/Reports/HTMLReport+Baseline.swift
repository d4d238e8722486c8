import Foundation
import ResultStore

/// Which engine the HTML report's speedups are against, in one place so the rule can change alone: the engine
/// asked for, else each run's protocol baseline (`ProtocolFacts`, read by `Headline`), else eager when it ran,
/// else each task's first engine.
extension HTMLReport {
    /// The engine to pass to `Headline` as the override; nil lets the headline use each run's protocol baseline
    /// (or, without facts, each task's first engine).
    static func baselineOverride(rows: [ReportRow], facts: [Int64: ProtocolFacts], requested: String?) -> String? {
        if let requested { return requested }
        if facts.values.contains(where: { $0.baselineEngine != nil }) { return nil }
        return defaultBaseline(rows: rows)
    }

    /// Without the protocol's choice: eager, the reference every other engine is checked against, when it ran.
    static func defaultBaseline(rows: [ReportRow]) -> String? {
        rows.contains { $0.engine == "eager" } ? "eager" : nil
    }

    /// The page of stored runs, with each run's protocol choices (baseline, primary metrics, expectations) read
    /// from the protocol text stored with it, like the terminal headline.
    public static func render(from store: ResultStore, runs: [ReportRun], rows: [ReportRow], pivot: PivotTable? = nil,
                              settings: ComparisonSettings = ComparisonSettings()) throws -> String {
        var facts: [Int64: ProtocolFacts] = [:]
        for run in runs { facts[run.id] = try ProtocolFacts.load(from: store, runID: run.id) }
        return render(rows: rows, runs: runs, pivot: pivot, settings: settings, facts: facts)
    }
}
