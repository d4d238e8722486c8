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
        let lowerRank = (count - 1) / 2
        let upperRank = count / 2
        for _ in 0..<resamples {
            for index in counts.indices { counts[index] = 0 }
            for _ in 0..<count { counts[generator.nextIndex(below: count)] += 1 }
            var cumulative = 0
            var lowerValue = sorted[count - 1]
            var upperValue = sorted[count - 1]
            var foundLower = false
            for index in 0..<count where counts[index] > 0 {
                cumulative += counts[index]
                if !foundLower && cumulative > lowerRank {
                    lowerValue = sorted[index]
                    foundLower = true
                }
                if cumulative > upperRank {
                    upperValue = sorted[index]
                    break
                }
            }
            medians.append(lowerRank == upperRank ? lowerValue : (lowerValue + upperValue) / 2)
        }
        medians.sort()
        let tail = (1 - level) / 2 * 100
        return ConfidenceInterval(lower: SampleSummary.percentile(tail, ofSorted: medians),
                                  upper: SampleSummary.percentile(100 - tail, ofSorted: medians), level: level)
    }
}
