import Foundation
import Measurement

/// Why a baseline file could not be used; one actionable line each.
public enum BaselineFileError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case notAReport(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read baseline file \(path): \(reason) — check the path"
        case let .notAReport(path, reason):
            return "baseline file \(path) is not a dlbench JSON report (\(reason)) — create it with "
                + "`dlbench report --format json > \(path)`"
        }
    }
}

/// Reads a committed baseline: a JSON report (`dlbench report --format json`), or the small hand-written
/// subset of it documented in docs/report-json.md — `{"rows": [{"task", "engine", "metric", "median"}]}`
/// with optional `machine`, `batchSize`, `unit` and `samples`.
public enum BaselineFile {
    public static func load(path: String) throws -> [ReportRow] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw BaselineFileError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try decode(data, path: path)
    }

    public static func decode(_ data: Data, path: String) throws -> [ReportRow] {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw BaselineFileError.notAReport(path: path, reason: "invalid JSON")
        }
        guard let object = root as? [String: Any], let rows = object["rows"] as? [[String: Any]] else {
            throw BaselineFileError.notAReport(path: path, reason: "no \"rows\" array")
        }
        return try rows.enumerated().compactMap { index, fields in try row(fields, index: index, path: path) }
    }

    /// nil for rows without a metric (failed or skipped cases).
    static func row(_ fields: [String: Any], index: Int, path: String) throws -> ReportRow? {
        guard let metric = fields["metric"] as? String, !metric.isEmpty else { return nil }
        guard let task = fields["task"] as? String, let engine = fields["engine"] as? String else {
            throw BaselineFileError.notAReport(path: path, reason: "rows[\(index)] lacks \"task\" or \"engine\"")
        }
        var samples = (fields["samples"] as? [Any] ?? []).compactMap(number)
        if samples.isEmpty, let median = fields["median"].flatMap(number) { samples = [median] }
        guard !samples.isEmpty else {
            throw BaselineFileError.notAReport(path: path, reason: "rows[\(index)] has neither \"samples\" nor \"median\"")
        }
        let summary = SampleSummary(samples)
        var row = ReportRow(
            runID: (fields["run"] as? NSNumber)?.int64Value ?? 0, machine: fields["machine"] as? String ?? "",
            task: task, taskKind: fields["taskKind"] as? String ?? "", engine: engine, model: fields["model"] as? String ?? "",
            dataset: fields["dataset"] as? String ?? "", batchSize: (fields["batchSize"] as? NSNumber)?.intValue,
            metric: metric, unit: fields["unit"] as? String ?? "", n: summary?.count ?? 0, median: summary?.median,
            p10: summary?.p10, p90: summary?.p90, mean: summary?.mean, min: summary?.minimum, max: summary?.maximum,
            caseStatus: fields["status"] as? String ?? "succeeded", message: fields["message"] as? String)
        row.machineIdentity = fields["machineIdentity"] as? String ?? ""
        row.samples = samples
        return row
    }

    /// A JSON number, or one of the strings "Infinity", "-Infinity", "NaN" that JSONReport writes.
    static func number(_ value: Any) -> Double? {
        if let text = value as? String {
            switch text {
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            case "NaN": return .nan
            default: return nil
            }
        }
        return (value as? NSNumber)?.doubleValue
    }
}
