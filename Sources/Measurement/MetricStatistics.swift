/// Everything the harness says about one metric of one case: order and moment statistics of the pooled
/// samples (descriptive: how steps spread), the trial-level estimate with its interval (inferential: what
/// another run would find), and MAD outliers (counted, kept).
///
/// Computed from the raw samples of one case on one machine fingerprint: samples of different
/// fingerprints are never pooled into one `MetricStatistics`.
public struct MetricStatistics: Sendable, Equatable {
    public let summary: SampleSummary
    public let trialEstimate: TrialEstimate
    public let medianAbsoluteDeviation: Double
    public let outlierCount: Int

    public init?(_ trials: [TrialSamples], level: Double = 0.95, runSpread: Double = 0) {
        let values = trials.flatMap(\.values)
        guard let summary = SampleSummary(values), let outliers = MADOutliers(values),
              let estimate = TrialEstimate(trials, level: level, runSpread: runSpread) else { return nil }
        self.summary = summary
        self.trialEstimate = estimate
        self.medianAbsoluteDeviation = outliers.medianAbsoluteDeviation
        self.outlierCount = outliers.outlierCount
    }

    /// The trial-level interval; nil with fewer than two trials.
    public var interval: ConfidenceInterval? { trialEstimate.interval }

    /// (CI upper − CI lower) / |estimate|; infinite with one trial, so a single process never settles a case.
    public var relativeIntervalWidth: Double { trialEstimate.relativeIntervalWidth }

    public var coefficientOfVariation: Double { summary.coefficientOfVariation }
}
