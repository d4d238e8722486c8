import ProtocolModel

/// Polarity and wording for metrics as stored (by name): which direction is better, and whether
/// "faster/slower" or "better/worse" describes a change.
///
/// Stored samples carry the metric name only; the closed `Metric` set of ProtocolModel knows the
/// polarity. A name this build does not know (a newer database) is treated as lower-is-better.
public enum MetricDirection {
    public static func polarity(of metric: String) -> MetricPolarity {
        Metric(rawValue: metric)?.polarity ?? .lowerIsBetter
    }

    public static func isKnown(_ metric: String) -> Bool { Metric(rawValue: metric) != nil }

    /// Time-valued metrics read as faster/slower; others as better/worse.
    public static func isTime(unit: String) -> Bool {
        ["s", "ms", "ns", "µs", "us", "seconds", "milliseconds", "nanoseconds"].contains(unit)
    }

    /// Whether a metric in `unit` moves with the machine's state between runs (times and rates do; bytes, kernel
    /// counts and losses are set by the work itself), so comparisons of separate runs add the run-to-run spread.
    public static func driftsBetweenRuns(unit: String) -> Bool {
        isTime(unit: unit) || unit.hasSuffix("/s")
    }

    /// Orients a ratio candidate/baseline so that a value above 1 means the candidate is better.
    public static func speedup(fromRatio ratio: Double, metric: String) -> Double {
        polarity(of: metric) == .lowerIsBetter ? 1 / ratio : ratio
    }

    /// The primary metric of a task kind: what pivots and charts show by default.
    public static func primaryMetric(taskKind: String) -> String {
        taskKind == TaskKind.infer.rawValue ? Metric.latency.rawValue : Metric.stepTime.rawValue
    }
}
