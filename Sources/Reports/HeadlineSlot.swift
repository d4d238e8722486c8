import Foundation

/// One task × machine × batch size of one run in the headline: every engine that ran it, compared on the task's
/// primary metric with the baseline engine.
public struct HeadlineSlot: Sendable, Equatable {
    public var runID: Int64
    public var task: String
    public var taskKind: String
    public var machine: String
    public var batchSize: Int?
    /// The compared metric and its stored unit.
    public var metric: String
    public var unit: String
    /// The baseline the comparisons are against (the protocol's; the slot's first engine when it lacks that one).
    public var baselineEngine: String
    public var entries: [HeadlineEntry]

    public var baseline: HeadlineEntry? { entries.first { $0.isBaseline } }

    /// The compared engine with the best speedup estimate over the baseline.
    public var best: HeadlineEntry? {
        entries.filter { $0.comparison != nil }.max { ($0.comparison?.speedup ?? 0) < ($1.comparison?.speedup ?? 0) }
    }

    /// Time and rate metrics read as faster/slower.
    var isSpeed: Bool { MetricDirection.isTime(unit: unit) || unit.hasSuffix("/s") }

    /// "train-small · batch 64", with the machine when the report covers several, the run when several runs.
    func title(showMachine: Bool, showRun: Bool) -> String {
        var parts = [task]
        if showMachine { parts.append(machine) }
        if let batchSize { parts.append("batch \(batchSize)") }
        if showRun { parts.append("run \(runID)") }
        return parts.joined(separator: " · ")
    }
}
