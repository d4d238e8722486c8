import Measurement
import ProtocolModel

/// How a candidate's samples compare with a baseline's for one metric.
public enum Verdict: String, Sendable, Equatable, Codable {
    /// Better in the metric's direction (for time: faster), significantly and beyond the threshold.
    case faster
    /// Worse in the metric's direction, significantly and beyond the threshold: a regression.
    case slower
    /// Not significant, or within the threshold.
    case same

    /// The word for people: "faster"/"slower" for time metrics, "better"/"worse" otherwise.
    public func word(isTime: Bool) -> String {
        switch self {
        case .faster: return isTime ? "faster" : "better"
        case .slower: return isTime ? "slower" : "worse"
        case .same: return "same"
        }
    }
}

/// Ratio of medians with its bootstrap CI, a Mann–Whitney U test and the verdict for two samples.
///
/// The verdict needs both significance (p < α) and a practical effect (speedup beyond 1 + threshold
/// either way, measured in the metric's direction). With fewer than two values on either side (a
/// baseline file holding medians only) no test is possible and the threshold alone decides.
public struct SampleComparison: Sendable, Equatable {
    public let baselineMedian: Double
    public let candidateMedian: Double
    /// candidate median / baseline median.
    public let ratio: Double
    /// CI of `ratio`; nil with fewer than two values on either side.
    public let interval: ConfidenceInterval?
    /// Two-sided Mann–Whitney p-value; nil with fewer than two values on either side.
    public let pValue: Double?
    public let testMethod: MannWhitneyTest.Method?
    /// Oriented ratio: above 1 means the candidate is better (for time: `baseline / candidate`).
    public let speedup: Double
    public let threshold: Double
    public let polarity: MetricPolarity
    public let verdict: Verdict

    public init?(baseline: [Double], candidate: [Double], metric: String, settings: ComparisonSettings) {
        guard let ratioConfidence = RatioConfidence(
            baseline: baseline, candidate: candidate, level: settings.confidenceLevel, resamples: settings.resamples,
            seed: settings.seed),
            let baselineSummary = SampleSummary(baseline), let candidateSummary = SampleSummary(candidate)
        else { return nil }
        baselineMedian = baselineSummary.median
        candidateMedian = candidateSummary.median
        ratio = ratioConfidence.ratio
        interval = ratioConfidence.interval
        let testable = baselineSummary.count >= 2 && candidateSummary.count >= 2
        let test = testable ? MannWhitneyTest(baseline, candidate) : nil
        pValue = test?.pValue
        testMethod = test?.method
        polarity = MetricDirection.polarity(of: metric)
        speedup = MetricDirection.speedup(fromRatio: ratio, metric: metric)
        threshold = settings.threshold(for: metric)
        let significant = pValue.map { $0 < settings.significanceLevel } ?? true
        if significant && speedup > 1 + threshold {
            verdict = .faster
        } else if significant && speedup < 1 / (1 + threshold) {
            verdict = .slower
        } else {
            verdict = .same
        }
    }

    /// The CI of `speedup` (the ratio's interval, inverted when lower is better).
    public var speedupInterval: ConfidenceInterval? {
        guard let interval else { return nil }
        guard polarity == .lowerIsBetter else { return interval }
        return ConfidenceInterval(lower: 1 / interval.upper, upper: 1 / interval.lower, level: interval.level)
    }
}
