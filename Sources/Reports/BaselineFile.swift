import Foundation
import Measurement
import ProtocolModel

/// Why a baseline file could not be used; one actionable line each.
public enum BaselineFileError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case notAReport(path: String, reason: String)
    case unitMismatch(path: String, row: Int, metric: String, found: String, expected: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read baseline file \(path): \(reason) — check the path"
        case let .notAReport(path, reason):
            return "baseline file \(path) is not a dlbench JSON report (\(reason)) — create it with "
                + "`dlbench report --format json > \(path)`"
        case let .unitMismatch(path, row, metric, found, expected):
            return "baseline file \(path): rows[\(row)].unit is \"\(found)\" but \(metric) is measured in \(expected), "
                + "and \"\(found)\" cannot be converted to it — write the value in \(expected)"
        }
    }
}

/// Reads a committed baseline: a JSON report (`dlbench report --format json`), or the small hand-written
/// subset of it documented in docs/report-json.md — `{"rows": [{"task", "engine", "metric", "median"}]}`
/// with optional `machine`, `batchSize`, `unit`, `samples` and `sampleTrials`.
///
/// Samples with their trial indexes (`sampleTrials`, as `dlbench report --format json` writes them) are a
/// baseline of trials. A bare `median`, or samples without trial indexes (a report of schema 1), is a
/// reference value: the candidate's trials are tested against that one number. Values in another unit of
/// the same quantity (s, ms, µs, ns; B, KiB, MiB, GiB) are converted to the metric's unit; others are refused.
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
        let trials = (fields["sampleTrials"] as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.intValue }
        var isReference = trials.count != samples.count || samples.isEmpty
        if samples.isEmpty, let median = fields["median"].flatMap(number) { samples = [median] }
        guard !samples.isEmpty else {
            throw BaselineFileError.notAReport(path: path, reason: "rows[\(index)] has neither \"samples\" nor \"median\"")
        }
        if isReference, samples.count > 1, let median = SampleSummary(samples)?.median {
            samples = [median]
        }
        isReference = isReference || samples.count == 1 && trials.isEmpty
        var unit = fields["unit"] as? String ?? ""
        if let expected = Metric(rawValue: metric)?.unit, !unit.isEmpty, unit != expected {
            guard let factor = UnitConversion.factor(from: unit, to: expected) else {
                throw BaselineFileError.unitMismatch(path: path, row: index, metric: metric, found: unit, expected: expected)
            }
            samples = samples.map { $0 * factor }
            unit = expected
        }
        let summary = SampleSummary(samples)
        var row = ReportRow(
            runID: (fields["run"] as? NSNumber)?.int64Value ?? 0, machine: fields["machine"] as? String ?? "",
            task: task, taskKind: fields["taskKind"] as? String ?? "", engine: engine, model: fields["model"] as? String ?? "",
            dataset: fields["dataset"] as? String ?? "", batchSize: (fields["batchSize"] as? NSNumber)?.intValue,
            metric: metric, unit: unit, n: summary?.count ?? 0, median: summary?.median,
            p10: summary?.p10, p90: summary?.p90, mean: summary?.mean, min: summary?.minimum, max: summary?.maximum,
            caseStatus: fields["status"] as? String ?? "succeeded", message: fields["message"] as? String)
        row.isReference = isReference
        row.sampleTrials = isReference ? [0] : trials
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
