/// Everything the harness says about one metric's samples: the order and moment statistics, a bootstrap
/// 95% confidence interval of the median, and MAD outliers (counted, kept).
///
/// Computed from raw samples only, of one case on one machine fingerprint: samples of different
/// fingerprints are never pooled into one `MetricStatistics`.
public struct MetricStatistics: Sendable, Equatable {
    public let summary: SampleSummary
    /// Nil for fewer than two values.
    public let medianInterval: ConfidenceInterval?
    public let medianAbsoluteDeviation: Double
    public let outlierCount: Int

    public init?(_ values: [Double], seed: UInt64, resamples: Int = Bootstrap.defaultResamples) {
        guard let summary = SampleSummary(values), let outliers = MADOutliers(values) else { return nil }
        self.summary = summary
        self.medianInterval = Bootstrap.medianInterval(values, resamples: resamples, seed: seed)
        self.medianAbsoluteDeviation = outliers.medianAbsoluteDeviation
        self.outlierCount = outliers.outlierCount
    }

    /// (CI upper − CI lower) / |median|; infinite without an interval, so a single sample never settles.
    public var relativeIntervalWidth: Double {
        medianInterval?.relativeWidth(around: summary.median) ?? .infinity
    }

    public var coefficientOfVariation: Double { summary.coefficientOfVariation }
}
