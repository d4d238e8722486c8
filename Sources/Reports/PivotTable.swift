import Foundation
import Measurement

/// Tasks × engines, each cell the speedup of an engine over a chosen baseline engine with its
/// trial-level CI: the one table that answers "what does engine X buy me on workload Y".
public struct PivotTable: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        public var engine: String
        public var median: Double?
        /// Baseline over engine, oriented by the metric (above 1: better than the baseline).
        public var speedup: Double?
        /// Trial-level t interval of the speedup (trials, not steps, are the replicates); nil below 2 trials a side.
        public var interval: ConfidenceInterval?
        public var trials: Int = 0
    }

    /// One task × machine × batch size.
    public struct Line: Sendable, Equatable {
        public var task: String
        public var machine: String
        public var batchSize: Int?
        public var metric: String
        public var unit: String
        /// One per engine of `PivotTable.engines`, in that order.
        public var cells: [Cell]

        public var label: String {
            var text = task + " · " + machine
            if let batchSize { text += " · b\(batchSize)" }
            return text
        }
    }

    public var baselineEngine: String
    /// Engines in first-seen order.
    public var engines: [String]
    public var lines: [Line]

    /// `metric` nil: each task's primary metric (step_time for training, latency for inference).
    public init(rows: [ReportRow], baselineEngine: String, metric: String? = nil,
                settings: ComparisonSettings = ComparisonSettings()) {
        self.baselineEngine = baselineEngine
        let measured = RunComparison.measured(rows)
        var engines: [String] = []
        for row in measured where !engines.contains(row.engine) { engines.append(row.engine) }
        self.engines = engines
        var lines: [Line] = []
        var seen = Set<String>()
        for row in measured {
            let wanted = metric ?? MetricDirection.primaryMetric(taskKind: row.taskKind)
            guard row.metric == wanted else { continue }
            let slotKey = "\(row.task)\u{0}\(row.machine)\u{0}\(row.batchSize ?? -1)"
            guard seen.insert(slotKey).inserted else { continue }
            let slot = measured.filter {
                $0.task == row.task && $0.machine == row.machine && $0.batchSize == row.batchSize && $0.metric == wanted
            }
            let baseline = slot.first { $0.engine == baselineEngine }
            let cells = engines.map { engine -> Cell in
                guard let candidate = slot.first(where: { $0.engine == engine }) else { return Cell(engine: engine) }
                var cell = Cell(engine: engine, median: candidate.median)
                if engine == baselineEngine, baseline != nil {
                    // The baseline against itself is 1 by definition, not an estimate with an interval.
                    cell.median = candidate.trialEstimate()?.estimate ?? candidate.median
                    cell.speedup = 1
                    cell.trials = candidate.trialCount
                } else if let baseline, let comparison = SampleComparison(baseline: baseline, candidate: candidate,
                                                                   settings: settings) {
                    cell.median = comparison.candidateMedian
                    cell.speedup = comparison.speedup
                    cell.interval = comparison.speedupInterval
                    cell.trials = comparison.candidateTrials
                } else {
                    cell.median = candidate.trialEstimate()?.estimate ?? candidate.median
                    cell.trials = candidate.trialCount
                }
                return cell
            }
            lines.append(Line(task: row.task, machine: row.machine, batchSize: row.batchSize, metric: wanted,
                              unit: row.unit, cells: cells))
        }
        self.lines = lines
    }
}

/// Renders a `PivotTable` as text, markdown or JSON.
public enum PivotReport {
    static func cellText(_ cell: PivotTable.Cell) -> String {
        guard let speedup = cell.speedup else { return "-" }
        guard let interval = cell.interval else { return StatisticFormatting.factor(speedup) }
        return StatisticFormatting.factor(speedup) + String(format: " [%.2f–%.2f]", interval.lower, interval.upper)
    }

    public static func table(_ pivot: PivotTable, colour: Bool = false) -> String {
        var table = TextTable(columns: [.init(title: "task · machine · batch", alignment: .left),
                                        .init(title: "metric", alignment: .left)]
            + pivot.engines.map { .init(title: $0, alignment: .right) })
        for line in pivot.lines {
            table.append([.init(line.label), .init(line.metric)] + line.cells.map { .init(cellText($0)) })
        }
        return "speedup over \(pivot.baselineEngine) (95% CI):\n" + table.render(colour: colour)
    }

    public static func markdown(_ pivot: PivotTable) -> String {
        var lines = ["Speedup over `\(pivot.baselineEngine)` (ratio of trial medians, 95% CI over trials):", "",
                     MarkdownReport.row(["task · machine · batch", "metric"] + pivot.engines),
                     MarkdownReport.rule(["l", "l"] + pivot.engines.map { _ in "r" })]
        lines += pivot.lines.map { MarkdownReport.row([$0.label, $0.metric] + $0.cells.map(cellText)) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ pivot: PivotTable) -> JSONNode {
        .object([
            ("baselineEngine", .string(pivot.baselineEngine)),
            ("engines", .array(pivot.engines.map(JSONNode.string))),
            ("lines", .array(pivot.lines.map { line in
                .object([
                    ("task", .string(line.task)), ("machine", .string(line.machine)),
                    ("batchSize", .optional(line.batchSize)), ("metric", .string(line.metric)), ("unit", .string(line.unit)),
                    ("cells", .array(line.cells.map { cell in
                        .object([("engine", .string(cell.engine)), ("median", .optional(cell.median)),
                                 ("speedup", .optional(cell.speedup)), ("speedupCI", JSONReport.interval(cell.interval)),
                                 ("trials", .integer(Int64(cell.trials)))])
                    })),
                ])
            })),
        ])
    }
}
