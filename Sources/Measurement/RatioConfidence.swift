/// The ratio of two medians with a seeded percentile-bootstrap confidence interval.
///
/// "Engine B takes 0.8× the time of engine A" is the statement people act on; a point ratio hides how
/// sure it is. Both samples are resampled independently, the ratio of the resampled medians is taken
/// each time, and the interval's ends are percentiles of those ratios. Seeded, so a report shows the
/// same interval every time it is rendered from the same samples.
public struct RatioConfidence: Sendable, Equatable {
    /// median(candidate) / median(baseline).
    public let ratio: Double
    /// Nil when either sample has fewer than two values.
    public let interval: ConfidenceInterval?

    /// nil when either sample is empty (after dropping NaNs) or the baseline median is 0.
    public init?(baseline: [Double], candidate: [Double], level: Double = 0.95,
                 resamples: Int = Bootstrap.defaultResamples, seed: UInt64) {
        let sortedBaseline = baseline.filter { !$0.isNaN }.sorted()
        let sortedCandidate = candidate.filter { !$0.isNaN }.sorted()
        guard !sortedBaseline.isEmpty, !sortedCandidate.isEmpty else { return nil }
        let baselineMedian = SampleSummary.percentile(50, ofSorted: sortedBaseline)
        let candidateMedian = SampleSummary.percentile(50, ofSorted: sortedCandidate)
        guard baselineMedian != 0 else { return nil }
        ratio = candidateMedian / baselineMedian
        guard sortedBaseline.count >= 2, sortedCandidate.count >= 2, resamples >= 1 else {
            interval = nil
            return
        }
        var generator = SplitMix64(seed: seed)
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        var baselineCounts = [Int](repeating: 0, count: sortedBaseline.count)
        var candidateCounts = [Int](repeating: 0, count: sortedCandidate.count)
        for _ in 0..<resamples {
            let resampledBaseline = RatioConfidence.resampledMedian(sortedBaseline, counts: &baselineCounts,
                                                                    generator: &generator)
            let resampledCandidate = RatioConfidence.resampledMedian(sortedCandidate, counts: &candidateCounts,
                                                                     generator: &generator)
            ratios.append(resampledCandidate / resampledBaseline)
        }
        ratios = ratios.filter { !$0.isNaN }.sorted()
        guard !ratios.isEmpty else {
            interval = nil
            return
        }
        let tail = (1 - level) / 2 * 100
        interval = ConfidenceInterval(lower: SampleSummary.percentile(tail, ofSorted: ratios),
                                      upper: SampleSummary.percentile(100 - tail, ofSorted: ratios), level: level)
    }

    /// The median of one resample of `sorted`, drawn as counts so no sort is needed (shared with `Bootstrap`).
    static func resampledMedian(_ sorted: [Double], counts: inout [Int], generator: inout SplitMix64) -> Double {
        let count = sorted.count
        for index in counts.indices { counts[index] = 0 }
        for _ in 0..<count { counts[generator.nextIndex(below: count)] += 1 }
        let lowerRank = (count - 1) / 2
        let upperRank = count / 2
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
        return lowerRank == upperRank ? lowerValue : (lowerValue + upperValue) / 2
    }
}
