import Foundation
import Measurement
import ProtocolModel

/// How a candidate compares with a baseline for one metric.
public enum Verdict: String, Sendable, Equatable, Codable {
    /// Better in the metric's direction (for time: faster), significantly and beyond the threshold.
    case faster
    /// Worse in the metric's direction, significantly and beyond the threshold: a regression.
    case slower
    /// Within the threshold: the interval excludes a change beyond it, or a significant change is smaller.
    case same
    /// The trials cannot tell: not significant, yet the interval reaches beyond the threshold (or a side
    /// has fewer than two trials). `SampleComparison.trialsNeeded` says how many would decide.
    case inconclusive

    /// The word for people: "faster"/"slower" for time metrics, "better"/"worse" otherwise.
    public func word(isTime: Bool) -> String {
        switch self {
        case .faster: return isTime ? "faster" : "better"
        case .slower: return isTime ? "slower" : "worse"
        case .same: return "same"
        case .inconclusive: return "inconclusive"
        }
    }
}

/// The trial-level comparison of two rows of one metric and its verdict.
///
/// The trial (one worker process) is the unit of replication (`TrialComparison`): the ratio is that of
/// the geometric means of per-trial medians, its interval and p-value come from Student's t over trials
/// (Welch, or paired by round for an interleaved A/B run, or one-sample against a committed reference).
/// A verdict of faster or slower needs p < α *and* an effect beyond the threshold; "same" needs the
/// (1 − α) interval inside the threshold band (or a significant change within it); anything else is
/// inconclusive, with the number of trials per side that would narrow the interval enough to decide.
public struct SampleComparison: Sendable, Equatable {
    /// Trial-level estimates (geometric mean of per-trial medians).
    public let baselineMedian: Double
    public let candidateMedian: Double
    /// candidate estimate / baseline estimate.
    public let ratio: Double
    /// CI of `ratio` at the settings' confidence level; nil when the trials cannot give one.
    public let interval: ConfidenceInterval?
    /// Two-sided p-value of the trial-level t test; nil without one.
    public let pValue: Double?
    public let design: TrialComparison.Design
    public let baselineTrials: Int
    public let candidateTrials: Int
    /// Samples behind each side (all trials together), for "trials × samples" reporting.
    public let baselineSamples: Int
    public let candidateSamples: Int
    /// Oriented ratio: above 1 means the candidate is better (for time: `baseline / candidate`).
    public let speedup: Double
    public let threshold: Double
    public let polarity: MetricPolarity
    public let verdict: Verdict
    /// For an inconclusive verdict: trials per side (per build when paired) that would likely decide it, at the
    /// spread seen; nil when it is not inconclusive or no spread is known (fewer than two trials).
    public let trialsNeeded: Int?
    /// The run-to-run spread added because the sides come from separate runs (0 within a run or when paired).
    public let runSpread: Double

    /// `acrossRuns`: the two rows were measured in separate runs (adds `settings.runSpread` unless paired, for
    /// metrics that drift with the machine: times and rates).
    public init?(baseline: ReportRow, candidate: ReportRow, settings: ComparisonSettings, paired: Bool = false,
                 acrossRuns: Bool = false) {
        self.init(baseline: baseline.trialSamples, candidate: candidate.trialSamples, metric: candidate.metric,
                  settings: settings, paired: paired, baselineIsReference: baseline.isReference,
                  acrossRuns: acrossRuns && MetricDirection.driftsBetweenRuns(unit: candidate.unit))
    }

    public init?(baseline: [TrialSamples], candidate: [TrialSamples], metric: String, settings: ComparisonSettings,
                 paired: Bool = false, baselineIsReference: Bool = false, acrossRuns: Bool = false) {
        let spread = acrossRuns && !paired ? settings.runSpread : 0
        guard let reported = TrialComparison(baseline: baseline, candidate: candidate, level: settings.confidenceLevel,
                                             paired: paired, baselineIsReference: baselineIsReference, runSpread: spread),
              let decision = TrialComparison(baseline: baseline, candidate: candidate,
                                             level: 1 - settings.significanceLevel, paired: paired,
                                             baselineIsReference: baselineIsReference, runSpread: spread),
              let baselineEstimate = TrialEstimate(baseline), let candidateEstimate = TrialEstimate(candidate)
        else { return nil }
        runSpread = reported.design == .paired ? 0 : spread
        baselineMedian = baselineEstimate.estimate
        candidateMedian = candidateEstimate.estimate
        baselineSamples = baselineEstimate.sampleCount
        candidateSamples = candidateEstimate.sampleCount
        ratio = reported.ratio
        interval = reported.interval
        pValue = reported.pValue
        design = reported.design
        baselineTrials = reported.baselineTrials
        candidateTrials = reported.candidateTrials
        polarity = MetricDirection.polarity(of: metric)
        speedup = MetricDirection.speedup(fromRatio: ratio, metric: metric)
        threshold = settings.threshold(for: metric)
        let bound = Foundation.log(1 + threshold)
        let effect = Foundation.log(speedup)
        let significant = pValue.map { $0 < settings.significanceLevel } ?? false
        if significant && effect > bound {
            verdict = .faster
        } else if significant && effect < -bound {
            verdict = .slower
        } else if significant {
            verdict = .same
        } else if let band = decision.interval, Foundation.log(band.lower) >= -bound, Foundation.log(band.upper) <= bound {
            verdict = .same
        } else {
            verdict = .inconclusive
        }
        if verdict == .inconclusive {
            // Narrow enough to tell, at this estimate, "within the threshold" (half-width ≤ bound − |effect|) or
            // "a real change" (half-width ≤ |effect|), whichever needs fewer trials; an estimate right at the
            // threshold is asked for a quarter of it.
            let distance = max(abs(bound - abs(effect)), abs(effect), bound / 4)
            trialsNeeded = decision.trialsNeeded(logHalfWidth: distance, level: 1 - settings.significanceLevel)
        } else {
            trialsNeeded = nil
        }
    }

    /// The CI of `speedup` (the ratio's interval, inverted when lower is better).
    public var speedupInterval: ConfidenceInterval? {
        guard let interval else { return nil }
        guard polarity == .lowerIsBetter else { return interval }
        return ConfidenceInterval(lower: 1 / interval.upper, upper: 1 / interval.lower, level: interval.level)
    }

    /// "12×100 vs 12×100": trials × samples per trial on each side.
    public var replication: String {
        func label(_ trials: Int, _ samples: Int) -> String {
            "\(trials)×\(Int((Double(samples) / Double(max(trials, 1))).rounded()))"
        }
        return label(baselineTrials, baselineSamples) + " vs " + label(candidateTrials, candidateSamples)
    }
}
