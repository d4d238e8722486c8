/// Outliers by the median absolute deviation (Iglewicz and Hoaglin's modified z-score).
///
/// A context switch or page fault produces a few huge step times; they are counted and reported, but
/// kept in the data — removing them would make a noisy engine look as good as a steady one.
public struct MADOutliers: Sendable, Equatable {
    /// The modified z-score above which a value is an outlier (Iglewicz and Hoaglin recommend 3.5).
    public static let defaultThreshold = 3.5
    /// 1/Φ⁻¹(3/4): scales the MAD to estimate a normal distribution's standard deviation.
    public static let normalConsistency = 1.4826

    public let median: Double
    /// median(|xᵢ − median|), unscaled.
    public let medianAbsoluteDeviation: Double
    /// Indices (into the input) of the values whose modified z-score exceeds the threshold.
    public let outlierIndices: [Int]

    public var outlierCount: Int { outlierIndices.count }

    /// Nil when `values` has no non-NaN value. With MAD = 0 (over half the values equal), any value
    /// different from the median is an outlier.
    public init?(_ values: [Double], threshold: Double = MADOutliers.defaultThreshold) {
        let finite = values.filter { !$0.isNaN }
        guard !finite.isEmpty else { return nil }
        let median = SampleSummary.percentile(50, ofSorted: finite.sorted())
        let deviations = finite.map { abs($0 - median) }.sorted()
        let mad = SampleSummary.percentile(50, ofSorted: deviations)
        self.median = median
        self.medianAbsoluteDeviation = mad
        let scale = MADOutliers.normalConsistency * mad
        outlierIndices = values.indices.filter { index in
            let value = values[index]
            guard !value.isNaN else { return false }
            if scale == 0 { return value != median }
            return abs(value - median) / scale > threshold
        }
    }
}
