import Foundation
import Measurement

/// Report rows as an aligned terminal table, for reading results right after a run.
///
/// "trial median" is the geometric mean of the per-trial medians and "95% CI" its t interval over trials
/// (the worker process is the unit of replication); p10–p90 describe the pooled steps; "trials×n" is the
/// number of trials × samples per trial.
///
/// Rows keep the builder's order (case order, then metric); a task, engine or machine name is
/// shown only where it changes, so each case reads as a block. Numbers are right-aligned and
/// scaled to one readable unit per metric for the whole table (chosen from the metric's range); colour (status, dimmed spread) only when asked for, so
/// piped output stays plain.
public enum TableReport {
    /// Rows from several runs (`report --run 3 --run 4 --all`) get a leading run column, so equal cases of two
    /// runs never read as one.
    public static func render(_ rows: [ReportRow], colour: Bool) -> String {
        let showsRun = Set(rows.map(\.runID)).count > 1
        var table = TextTable(columns: (showsRun ? [.init(title: "run", alignment: .right)] : []) + [
            .init(title: "task", alignment: .left),
            .init(title: "engine", alignment: .left),
            .init(title: "machine", alignment: .left),
            .init(title: "batch", alignment: .right),
            .init(title: "metric", alignment: .left),
            .init(title: "trial median", alignment: .right),
            .init(title: "95% CI", alignment: .right),
            .init(title: "p10–p90", alignment: .right),
            .init(title: "trials×n", alignment: .right),
            .init(title: "unit", alignment: .left),
            .init(title: "status", alignment: .left),
        ])
        var previousCase: [String]?
        var previousTask: [String]?
        let scales = QuantityScale.perMetric(rows)
        for row in rows {
            let caseKey = [String(row.runID), row.task, row.engine, row.machine, row.batchSize.map(String.init) ?? ""]
            let sameCase = caseKey == previousCase
            previousCase = caseKey
            let taskKey = [String(row.runID), row.task]
            let sameTask = sameCase || (taskKey == previousTask && !row.task.isEmpty)
            previousTask = taskKey
            let estimate = row.trialEstimate()
            let scale = scales[row.metric] ?? QuantityScale.choose(unit: row.unit, magnitude: estimate?.estimate ?? row.median)
            let interval = estimate?.interval.map { "\(scale.format($0.lower))–\(scale.format($0.upper))" } ?? ""
            let spread = row.p10 == nil ? "" : "\(scale.format(row.p10))–\(scale.format(row.p90))"
            let runCell: [TextTable.Cell] = showsRun ? [.init(sameTask ? "" : String(row.runID))] : []
            table.append(runCell + [
                .init(sameTask ? "" : row.task),
                .init(sameCase ? "" : row.engine),
                .init(sameCase ? "" : row.machine),
                .init(sameCase ? "" : row.batchSize.map(String.init) ?? "-"),
                .init(row.metric.isEmpty ? "-" : row.metric),
                .init(scale.format(estimate?.estimate ?? row.median)),
                .init(interval),
                .init(spread, style: TerminalStyle.dim),
                .init(estimate?.replicationLabel ?? ""),
                .init(row.metric.isEmpty ? "" : scale.unit),
                statusCell(row),
            ])
        }
        return table.render(colour: colour)
    }

    private static func statusCell(_ row: ReportRow) -> TextTable.Cell {
        var text = row.caseStatus
        if let message = row.message, !message.isEmpty {
            text += ": " + singleLine(message, limit: 60)
        }
        switch row.caseStatus {
        case "failed": return .init(text, style: TerminalStyle.red)
        case "skipped", "running", "pending": return .init(text, style: TerminalStyle.yellow)
        default: return .init(text, style: TerminalStyle.green)
        }
    }

    /// Collapses line breaks and shortens long messages so the table stays one line per row.
    static func singleLine(_ text: String, limit: Int) -> String {
        let flat = text.components(separatedBy: .newlines).filter { !$0.isEmpty }.joined(separator: " ")
        guard flat.count > limit else { return flat }
        return String(flat.prefix(limit - 3)) + "..."
    }
}
