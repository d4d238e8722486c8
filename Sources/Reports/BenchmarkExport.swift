import Foundation
import Measurement
import ProtocolModel

/// Results in the formats of the usual benchmark-tracking services, so a CI job can publish them
/// without a converter: github-action-benchmark's `customSmallerIsBetter` / `customBiggerIsBetter`
/// tools and the Bencher Metric Format (BMF).
///
/// Names are `CaseMatchKey.caseName` ("task/engine/machine[/bN]"); values are medians, and ranges or
/// bounds are the trial-level 95% CI (`TrialEstimate`: t over per-trial medians).
public enum BenchmarkExport {
    public enum Direction: Sendable {
        case smallerIsBetter, biggerIsBetter
    }

    /// github-action-benchmark: an array of {name, unit, value, range, extra}, only metrics of the given
    /// polarity (the tool's file states one direction for all entries).
    public static func githubBenchmark(_ rows: [ReportRow], direction: Direction,
                                       settings: ComparisonSettings = ComparisonSettings()) -> String {
        let wanted: MetricPolarity = direction == .smallerIsBetter ? .lowerIsBetter : .higherIsBetter
        let entries = measured(rows).filter { MetricDirection.polarity(of: $0.metric) == wanted }.map { row -> JSONNode in
            let estimate = row.trialEstimate(level: settings.confidenceLevel, runSpread: settings.runSpread)
            var members: [(String, JSONNode)] = [
                ("name", .string(CaseMatchKey(row).caseName + " " + row.metric)),
                ("unit", .string(row.unit)),
                ("value", .number(estimate?.estimate ?? row.median ?? .nan)),
            ]
            if let interval = estimate?.interval, let median = estimate?.estimate {
                let halfWidth = max(interval.upper - median, median - interval.lower)
                members.append(("range", .string("± " + JSONNode.number(halfWidth))))
            }
            members.append(("extra", .string("n=\(estimate?.replicationLabel ?? String(row.n)) (trials×samples) p10=\(JSONNode.number(row.p10 ?? .nan)) "
                                             + "p90=\(JSONNode.number(row.p90 ?? .nan)) run=\(row.runID)")))
            return .object(members)
        }
        return JSONNode.array(entries).rendered() + "\n"
    }

    /// BMF: {"benchmark": {"measure": {"value", "lower_value", "upper_value"}}}; the benchmark is the case
    /// name and the measure the metric name.
    public static func bencherMetricFormat(_ rows: [ReportRow], settings: ComparisonSettings = ComparisonSettings()) -> String {
        var order: [String] = []
        var measures: [String: [(String, JSONNode)]] = [:]
        for row in measured(rows) {
            let name = CaseMatchKey(row).caseName
            if measures[name] == nil { order.append(name) }
            var value: [(String, JSONNode)] = [("value", .number(row.trialEstimate()?.estimate ?? row.median ?? .nan))]
            if let interval = row.trialEstimate(level: settings.confidenceLevel, runSpread: settings.runSpread)?.interval {
                value += [("lower_value", .number(interval.lower)), ("upper_value", .number(interval.upper))]
            }
            measures[name, default: []].append((row.metric, .object(value)))
        }
        return JSONNode.object(order.map { ($0, .object(measures[$0] ?? [])) }).rendered() + "\n"
    }

    /// Rows with a finite median (JSON numbers cannot carry +∞ in these formats).
    static func measured(_ rows: [ReportRow]) -> [ReportRow] {
        RunComparison.measured(rows).filter { $0.median?.isFinite == true }
    }
}
