import Foundation

/// The Mann–Whitney U (Wilcoxon rank-sum) test of two independent samples.
///
/// Timing samples are skewed and heavy-tailed, so a t-test's normality assumption does not hold; a rank
/// test asks only whether values of one sample tend to be larger than those of the other. Regression
/// verdicts (`dlbench compare`, `dlbench check`) need this significance *and* a practical effect size.
public struct MannWhitneyTest: Sendable, Equatable {
    /// How the p-value was obtained.
    public enum Method: String, Sendable, Equatable, Codable {
        /// The exact distribution of U (small samples without ties).
        case exact
        /// The normal approximation with tie and continuity corrections.
        case normalApproximation = "normal-approximation"
    }

    /// U of the first sample: the number of (first, second) pairs where the first value is larger, ties
    /// counting one half.
    public let u: Double
    /// Two-sided p-value of the null hypothesis that both samples come from the same distribution.
    public let pValue: Double
    public let method: Method
    public let firstCount: Int
    public let secondCount: Int

    /// Largest combined sample size for which the exact distribution is used when there are no ties.
    public static let exactLimit = 40

    /// Tests `first` against `second` (NaNs ignored); nil when either sample is empty.
    public init?(_ first: [Double], _ second: [Double]) {
        let left = first.filter { !$0.isNaN }
        let right = second.filter { !$0.isNaN }
        guard !left.isEmpty, !right.isEmpty else { return nil }
        let ranking = MannWhitneyTest.ranks(left + right)
        let leftRankSum = ranking.ranks.prefix(left.count).reduce(0, +)
        let n1 = Double(left.count)
        let n2 = Double(right.count)
        let u = leftRankSum - n1 * (n1 + 1) / 2
        self.u = u
        self.firstCount = left.count
        self.secondCount = right.count
        if !ranking.hasTies && left.count + right.count <= MannWhitneyTest.exactLimit {
            method = .exact
            pValue = MannWhitneyTest.exactTwoSidedPValue(u: u, firstCount: left.count, secondCount: right.count)
        } else {
            method = .normalApproximation
            pValue = MannWhitneyTest.normalTwoSidedPValue(u: u, n1: n1, n2: n2, tieTerm: ranking.tieTerm)
        }
    }

    /// Average ranks (1-based) of `values` in input order, whether any ties occurred, and Σ(t³ − t) over
    /// groups of t tied values.
    static func ranks(_ values: [Double]) -> (ranks: [Double], hasTies: Bool, tieTerm: Double) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var tieTerm = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = averageRank }
            let tied = Double(end - start + 1)
            tieTerm += tied * tied * tied - tied
            start = end + 1
        }
        return (ranks, tieTerm > 0, tieTerm)
    }

    /// z with continuity correction; p = 1 when every value is tied (no information).
    static func normalTwoSidedPValue(u: Double, n1: Double, n2: Double, tieTerm: Double) -> Double {
        let n = n1 + n2
        let mean = n1 * n2 / 2
        let variance = n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        guard variance > 0 else { return 1 }
        let z = max(abs(u - mean) - 0.5, 0) / variance.squareRoot()
        return min(1, erfc(z / 2.0.squareRoot()))
    }

    /// 2 · min(P(U ≤ u), P(U ≥ u)) under the exact null distribution, capped at 1.
    static func exactTwoSidedPValue(u: Double, firstCount: Int, secondCount: Int) -> Double {
        let frequencies = exactFrequencies(firstCount: firstCount, secondCount: secondCount)
        let total = frequencies.reduce(0, +)
        let observed = Int(u.rounded())
        let lower = frequencies[0...min(observed, frequencies.count - 1)].reduce(0, +)
        let upper = frequencies[max(observed, 0)...].reduce(0, +)
        return min(1, 2 * min(lower, upper) / total)
    }

    /// Number of arrangements giving U = k for k in 0...n1·n2, by the recurrence
    /// f(i, j, k) = f(i − 1, j, k − j) + f(i, j − 1, k).
    static func exactFrequencies(firstCount: Int, secondCount: Int) -> [Double] {
        // previous[j] holds f(i − 1, j, ·); current[j] is built from previous[j] and current[j − 1].
        guard firstCount > 0, secondCount > 0 else { return [1] }
        var previous: [[Double]] = (0...secondCount).map { _ in [1] }
        for i in 1...firstCount {
            var current: [[Double]] = [[1]]
            for j in 1...secondCount {
                var counts = [Double](repeating: 0, count: i * j + 1)
                for (k, value) in previous[j].enumerated() where k + j < counts.count { counts[k + j] += value }
                for (k, value) in current[j - 1].enumerated() { counts[k] += value }
                current.append(counts)
            }
            previous = current
        }
        return previous[secondCount]
    }
}
