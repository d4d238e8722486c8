import Foundation
import Measurement

/// Report rows as RFC 4180 CSV, for spreadsheets, pandas and R. Every time is in seconds (`unit` column `s`),
/// whatever unit the metric is stored in; sizes are in bytes.
///
/// `n`, `median`, `p10` … describe the pooled samples (steps); `trials`, `estimate` and `ci_*` are the
/// trial-level inference (`TrialEstimate`: geometric mean of per-trial medians, t interval over trials).
///
/// Lines end in CRLF, fields containing a comma, quote, CR or LF are quoted with quotes doubled,
/// numbers use Swift's shortest round-trip form (parsing gives back the same Double), and a
/// missing value is an empty field.
public enum CSVReport {
    public static let header = [
        "run", "machine", "task", "task_kind", "engine", "model", "dataset", "batch_size", "metric", "unit",
        "n", "median", "p10", "p90", "mean", "min", "max", "status", "message",
        "trials", "estimate", "ci_lower", "ci_upper", "ci_level",
    ]

    public static func render(_ rows: [ReportRow]) -> String {
        var lines = [line(header)]
        for row in rows.map(\.inExportUnits) {
            let estimate = row.trialEstimate()
            lines.append(line([
                String(row.runID), row.machine, row.task, row.taskKind, row.engine, row.model, row.dataset,
                row.batchSize.map(String.init) ?? "", row.metric, row.unit, String(row.n),
                number(row.median), number(row.p10), number(row.p90), number(row.mean), number(row.min),
                number(row.max), row.caseStatus, row.message ?? "",
                row.samples.isEmpty ? "" : String(row.trialCount), number(estimate?.estimate),
                number(estimate?.interval?.lower), number(estimate?.interval?.upper), number(estimate?.interval?.level),
            ]))
        }
        return lines.joined()
    }

    /// One record with its CRLF terminator.
    static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\r\n"
    }

    /// Quotes `field` when RFC 4180 requires it.
    static func escape(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Shortest round-trip decimal; empty for nil; "NaN"/"inf"/"-inf" for non-finite values.
    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
