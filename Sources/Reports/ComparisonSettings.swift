/// The decision rule of comparisons and the regression gate, in one place so `compare`, `check` and
/// the simulation behind docs/regression-gate.md use the same numbers.
///
/// A change counts only when it is both statistically significant (trial-level t test p below
/// `significanceLevel`) and practically relevant (the estimate moved by more than the metric's
/// threshold): with many trials, tiny but real differences are always "significant".
public struct ComparisonSettings: Sendable, Equatable {
    /// Two-sided p-value below which a difference is significant. Default 0.01.
    public var significanceLevel: Double
    /// Relative change that matters, e.g. 0.05 for 5 %. Default 0.05.
    public var practicalThreshold: Double
    /// Per-metric overrides of `practicalThreshold`, by metric name.
    public var metricThresholds: [String: Double]
    /// Coverage of ratio confidence intervals. Default 0.95.
    public var confidenceLevel: Double
    /// Standard deviation of a whole run's log estimate beyond what its trials show — the drift of a shared
    /// machine between two separate runs — added to comparisons of separate runs (not to engines within one
    /// run, nor to the paired builds of one interleaved run). Default 0.035: measured on the 2-vCPU development
    /// machine by scripts/calibrate-gate.sh (docs/regression-gate.md); measure yours the same way.
    public var runSpread: Double

    public static let defaultRunSpread = 0.035

    public init(significanceLevel: Double = 0.01, practicalThreshold: Double = 0.05,
                metricThresholds: [String: Double] = [:], confidenceLevel: Double = 0.95,
                runSpread: Double = ComparisonSettings.defaultRunSpread) {
        self.significanceLevel = significanceLevel
        self.practicalThreshold = practicalThreshold
        self.metricThresholds = metricThresholds
        self.confidenceLevel = confidenceLevel
        self.runSpread = runSpread
    }

    public func threshold(for metric: String) -> Double {
        metricThresholds[metric] ?? practicalThreshold
    }
}
