import Foundation

/// Order and moment statistics of one metric's samples.
///
/// Every report and regression check reads its numbers from here, so the definitions are fixed
/// and documented once: the standard deviation is the *sample* deviation (n − 1 denominator), and
/// percentiles interpolate linearly between closest ranks (Hyndman–Fan type 7, NumPy's default),
/// so results agree with what a user would compute in a notebook.
///
/// An empty sample has no statistics: the initializer is failable and returns `nil` for it.
/// NaN values carry no order, so they are left out of every statistic and counted in
/// `droppedNaNCount`; a sample of only NaNs is treated as empty.
public struct SampleSummary: Sendable, Equatable, Codable {
    /// Number of values summarised (NaNs excluded).
    public let count: Int
    public let minimum: Double
    public let maximum: Double
    public let mean: Double
    /// Sample standard deviation (n − 1 denominator); 0 when `count == 1`.
    public let standardDeviation: Double
    /// Coefficient of variation, `standardDeviation / |mean|`; NaN when the mean is 0.
    public let coefficientOfVariation: Double
    public let median: Double
    public let p10: Double
    public let p25: Double
    public let p75: Double
    public let p90: Double
    public let p99: Double
    /// NaN values that were present in the input and left out.
    public let droppedNaNCount: Int

    /// Shorthand for `count`, matching the usual statistical notation.
    public var n: Int { count }

    /// Summarises `values`; returns `nil` when no non-NaN value remains.
    public init?(_ values: [Double]) {
        let ordered = values.filter { !$0.isNaN }.sorted()
        guard let first = ordered.first, let last = ordered.last else { return nil }
        let count = ordered.count
        let mean = ordered.reduce(0, +) / Double(count)
        let squaredDeviations = ordered.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let deviation = count > 1 ? (squaredDeviations / Double(count - 1)).squareRoot() : 0

        self.count = count
        self.minimum = first
        self.maximum = last
        self.mean = mean
        self.standardDeviation = deviation
        self.coefficientOfVariation = mean == 0 ? .nan : deviation / abs(mean)
        self.median = SampleSummary.percentile(50, ofSorted: ordered)
        self.p10 = SampleSummary.percentile(10, ofSorted: ordered)
        self.p25 = SampleSummary.percentile(25, ofSorted: ordered)
        self.p75 = SampleSummary.percentile(75, ofSorted: ordered)
        self.p90 = SampleSummary.percentile(90, ofSorted: ordered)
        self.p99 = SampleSummary.percentile(99, ofSorted: ordered)
        self.droppedNaNCount = values.count - count
    }

    /// The `percent`-th percentile (0…100) of an ascending, non-empty array, by linear
    /// interpolation between closest ranks (Hyndman–Fan type 7): position `h = (n − 1)·p/100`,
    /// result `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])`.
    public static func percentile(_ percent: Double, ofSorted sorted: [Double]) -> Double {
        guard let first = sorted.first, let last = sorted.last else { return .nan }
        let fraction = min(max(percent / 100, 0), 1)
        let position = Double(sorted.count - 1) * fraction
        let lowerIndex = Int(position.rounded(.down))
        let upperIndex = min(lowerIndex + 1, sorted.count - 1)
        if fraction == 0 { return first }
        if fraction == 1 { return last }
        let weight = position - Double(lowerIndex)
        let lower = sorted[lowerIndex]
        let upper = sorted[upperIndex]
        return weight == 0 ? lower : lower + weight * (upper - lower)
    }
}
