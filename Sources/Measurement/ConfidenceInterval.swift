/// A two-sided confidence interval for a statistic, with the level it was computed at.
public struct ConfidenceInterval: Sendable, Equatable, Codable {
    public let lower: Double
    public let upper: Double
    /// Nominal coverage, e.g. 0.95.
    public let level: Double

    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    public var width: Double { upper - lower }

    public func contains(_ value: Double) -> Bool { value >= lower && value <= upper }

    /// Width relative to `center` (usually the point estimate); infinite when the center is 0.
    public func relativeWidth(around center: Double) -> Double {
        center == 0 ? .infinity : width / abs(center)
    }
}
