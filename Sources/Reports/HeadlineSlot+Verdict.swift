import Foundation
import Measurement

/// The one sentence per slot, after hyperfine's "X ran 2.1 ± 0.1 times faster than Y": which engine won, by how
/// much, with the 95% CI and the trials behind it, or why it cannot be said.
extension HeadlineSlot {
    /// Nil when the slot has a single engine (nothing to compare).
    public var verdict: String? {
        guard entries.count > 1 else { return nil }
        guard let baseline, baseline.primary != nil else {
            return "no comparison: the baseline \(baselineEngine) has no \(metric) samples"
        }
        guard let best, let comparison = best.comparison else {
            return "no comparison: no other engine has \(metric) samples"
        }
        let faster = isSpeed ? "faster" : "better"
        let trials = Self.trials(comparison)
        let interval = comparison.speedupInterval
        switch comparison.verdict {
        case .faster:
            return "\(best.engine) ran \(Self.factor(comparison.speedup)) \(faster) than \(baselineEngine) "
                + "(95% CI \(Self.range(interval)), \(trials))"
        case .slower:
            // Every other engine is slower: say it the winning way round, the baseline against the runner-up.
            let inverted = interval.map { (1 / $0.upper, 1 / $0.lower) }
            let range = inverted.map { "\(Self.number($0.0))–\(Self.number($0.1))" } ?? "-"
            let runnerUp = entries.count > 2 ? ", the fastest other engine" : ""
            return "\(baselineEngine) ran \(Self.factor(1 / comparison.speedup)) \(faster) than \(best.engine)\(runnerUp) "
                + "(95% CI \(range), \(trials))"
        case .same:
            return "\(best.engine) and \(baselineEngine) ran at the same speed within "
                + "\(StatisticFormatting.percent(comparison.threshold)) (\(Self.factor(comparison.speedup)), "
                + "95% CI \(Self.range(interval)), \(trials))"
        case .inconclusive:
            return "inconclusive: \(best.engine) \(Self.factor(comparison.speedup)) vs \(baselineEngine) "
                + "(95% CI \(Self.range(interval)), \(trials)); " + Self.trialsNeeded(comparison)
        }
    }

    /// What would decide an inconclusive comparison, short (`StatisticFormatting.trialsNeededSentence` is the long form).
    static func trialsNeeded(_ comparison: SampleComparison) -> String {
        guard let needed = comparison.trialsNeeded else { return "at least 2 trials each are needed" }
        if needed > 1000 { return "more trials would not decide it" }
        return "~\(needed) trials each would decide"
    }

    /// "12 trials each", "12 vs 9 trials" (the engine's, then the baseline's).
    static func trials(_ comparison: SampleComparison) -> String {
        comparison.baselineTrials == comparison.candidateTrials
            ? "\(comparison.candidateTrials) trial\(comparison.candidateTrials == 1 ? "" : "s") each"
            : "\(comparison.candidateTrials) vs \(comparison.baselineTrials) trials"
    }

    /// "2.36×": three significant digits read at a glance.
    static func factor(_ value: Double) -> String { number(value) + "×" }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : "inf" }
        return String(format: value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value)
    }

    /// "2.30–2.41", "-" without an interval.
    static func range(_ interval: ConfidenceInterval?) -> String {
        guard let interval else { return "-" }
        return "\(number(interval.lower))–\(number(interval.upper))"
    }
}
