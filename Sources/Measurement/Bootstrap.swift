/// Percentile-bootstrap confidence intervals of the median.
///
/// Timing samples are skewed and heavy-tailed, so a normal-theory interval of the mean misleads; the
/// bootstrap of the median assumes no distribution. Resampling is seeded, so an interval is reproducible
/// from the stored samples and the seed.
public enum Bootstrap {
    public static let defaultResamples = 2000

    /// The `level` interval of the median of `values` (NaNs ignored), from `resamples` resamples drawn
    /// with `seed`. Nil for fewer than two values.
    ///
    /// Each resample is drawn as counts over the sorted sample, so its median is found by a cumulative walk
    /// (O(n)) instead of a sort; the interval's ends are the (1 − level)/2 and (1 + level)/2 percentiles
    /// (type 7) of the resampled medians.
    public static func medianInterval(_ values: [Double], level: Double = 0.95, resamples: Int = defaultResamples,
                                      seed: UInt64) -> ConfidenceInterval? {
        let sorted = values.filter { !$0.isNaN }.sorted()
        let count = sorted.count
        guard count >= 2, resamples >= 1 else { return nil }
        var generator = SplitMix64(seed: seed)
        var counts = [Int](repeating: 0, count: count)
        var medians = [Double]()
        medians.reserveCapacity(resamples)
        for _ in 0..<resamples {
            medians.append(RatioConfidence.resampledMedian(sorted, counts: &counts, generator: &generator))
        }
        medians.sort()
        let tail = (1 - level) / 2 * 100
        return ConfidenceInterval(lower: SampleSummary.percentile(tail, ofSorted: medians),
                                  upper: SampleSummary.percentile(100 - tail, ofSorted: medians), level: level)
    }
}
