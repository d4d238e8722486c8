/// The decision rule of comparisons and the regression gate, in one place so `compare`, `check` and
/// the simulation behind docs/regression-gate.md use the same numbers.
///
/// A change counts only when it is both statistically significant (Mann–Whitney p below
/// `significanceLevel`) and practically relevant (the median moved by more than the metric's
/// threshold): with thousands of samples, tiny but real differences are always "significant".
public struct ComparisonSettings: Sendable, Equatable {
    /// Two-sided p-value below which a difference is significant. Default 0.01.
    public var significanceLevel: Double
    /// Relative change that matters, e.g. 0.05 for 5 %. Default 0.05.
    public var practicalThreshold: Double
    /// Per-metric overrides of `practicalThreshold`, by metric name.
    public var metricThresholds: [String: Double]
    /// Coverage of ratio confidence intervals. Default 0.95.
    public var confidenceLevel: Double
    public var resamples: Int
    /// Seed of every bootstrap, so output is reproducible.
    public var seed: UInt64

    public static let defaultSeed: UInt64 = 0x5EED_0D1B_E7C4

    public init(significanceLevel: Double = 0.01, practicalThreshold: Double = 0.05,
                metricThresholds: [String: Double] = [:], confidenceLevel: Double = 0.95, resamples: Int = 2000,
                seed: UInt64 = ComparisonSettings.defaultSeed) {
        self.significanceLevel = significanceLevel
        self.practicalThreshold = practicalThreshold
        self.metricThresholds = metricThresholds
        self.confidenceLevel = confidenceLevel
        self.resamples = resamples
        self.seed = seed
    }

    public func threshold(for metric: String) -> Double {
        metricThresholds[metric] ?? practicalThreshold
    }
}
