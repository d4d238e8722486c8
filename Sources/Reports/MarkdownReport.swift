import Foundation
import Measurement

/// Report rows as a GitHub-flavoured markdown table, for README files and pull-request comments.
///
/// Numbers are scaled per row like the terminal table; the trial-level 95% CI is shown (trials, not steps,
/// are the replicates) so a reader can judge differences; pipes in names and messages are escaped so a cell never splits.
public enum MarkdownReport {
    public static func render(_ rows: [ReportRow], pivot: PivotTable? = nil,
                              settings: ComparisonSettings = ComparisonSettings()) -> String {
        var lines = [row(["task", "engine", "machine", "batch", "metric", "trial median", "95% CI", "p10–p90", "trials×n", "status"]),
                     rule(["l", "l", "l", "r", "l", "r", "r", "r", "r", "l"])]
        for report in rows {
            let scale = QuantityScale.choose(unit: report.unit, magnitude: report.median)
            let unit = report.metric.isEmpty ? "" : " " + scale.unit
            let estimate = report.trialEstimate(level: settings.confidenceLevel, runSpread: settings.runSpread)
            let interval = estimate?.interval
            var status = report.caseStatus
            if let message = report.message, !message.isEmpty { status += ": " + TableReport.singleLine(message, limit: 80) }
            lines.append(row([
                report.task, report.engine, report.machine, report.batchSize.map(String.init) ?? "-",
                report.metric.isEmpty ? "-" : report.metric,
                estimate.map { scale.format($0.estimate) + unit } ?? "-",
                interval.map { scale.format($0.lower) + "–" + scale.format($0.upper) } ?? "-",
                report.p10 == nil ? "-" : scale.format(report.p10) + "–" + scale.format(report.p90),
                estimate?.replicationLabel ?? "-", status,
            ]))
        }
        var text = lines.joined(separator: "\n") + "\n"
        if let pivot { text += "\n" + PivotReport.markdown(pivot) }
        return text
    }

    /// "| a | b |" with `|` escaped and line breaks flattened.
    static func row(_ cells: [String]) -> String {
        "| " + cells.map(escape).joined(separator: " | ") + " |"
    }

    /// The alignment rule: "l" → ":---", "r" → "---:".
    static func rule(_ alignments: [String]) -> String {
        "|" + alignments.map { $0 == "r" ? " ---: " : " :--- " }.joined(separator: "|") + "|"
    }

    static func escape(_ cell: String) -> String {
        cell.replacingOccurrences(of: "|", with: "\\|").components(separatedBy: .newlines).joined(separator: " ")
    }
}
