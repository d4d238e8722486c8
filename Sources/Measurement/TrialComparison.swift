import Foundation

/// The ratio of two cases' trial-level estimates with a t interval and a two-sided p-value.
///
/// Works on log trial medians, so the ratio is candidate estimate / baseline estimate and its interval is
/// multiplicative. Three designs:
/// - `independent` (two runs, or two engines of one run): Welch's t on the two sets of trial medians;
/// - `paired` (two builds run round by round, `--baseline-binary`): t on the per-round log differences, so
///   drift that hits both builds in a round cancels;
/// - `reference` (a baseline file holding one number per case): one-sample t of the candidate's trials
///   against that fixed value.
/// Nil when either side has no positive finite estimate (a ratio would be meaningless).
public struct TrialComparison: Sendable, Equatable {
    public enum Design: String, Sendable, Equatable, Codable {
        case independent, paired, reference
    }

    public let design: Design
    /// candidate estimate / baseline estimate.
    public let ratio: Double
    /// At `level`; nil when the trials cannot support one (fewer than two on a side that needs them).
    public let interval: ConfidenceInterval?
    public let pValue: Double?
    public let degreesOfFreedom: Double?
    /// Standard error of log(ratio); nil without an interval.
    public let standardError: Double?
    public let baselineTrials: Int
    public let candidateTrials: Int
    /// Spread (standard deviation of log trial medians, or of per-round log differences when paired) that
    /// sizes the trials needed; nil without one.
    let spreads: (baseline: Double, candidate: Double)?
    let pairedSpread: Double?
    /// Variance of log(ratio) that no number of trials removes (run-to-run spread of separate runs).
    let floorVariance: Double

    public static func == (left: TrialComparison, right: TrialComparison) -> Bool {
        left.design == right.design && left.ratio == right.ratio && left.interval == right.interval
            && left.pValue == right.pValue && left.baselineTrials == right.baselineTrials
            && left.candidateTrials == right.candidateTrials
    }

    /// `baselineIsReference`: the baseline is a fixed value (a committed median), not a sample of trials.
    /// `runSpread`: for sides measured in separate runs, the standard deviation of a run's log estimate beyond
    /// what its trials show (drift of the machine between runs, measured by scripts/calibrate-gate.sh); each side
    /// adds its square to the variance of log(ratio), with no degrees of freedom lost (it is taken as known).
    /// Ignored when paired: rounds of one interleaved run share their moment.
    public init?(baseline: [TrialSamples], candidate: [TrialSamples], level: Double = 0.95, paired: Bool = false,
                 baselineIsReference: Bool = false, runSpread: Double = 0) {
        guard let base = TrialEstimate(baseline, level: level), let cand = TrialEstimate(candidate, level: level),
              base.estimate > 0, base.estimate.isFinite, cand.estimate > 0, cand.estimate.isFinite else { return nil }
        ratio = cand.estimate / base.estimate
        baselineTrials = base.trialCount
        candidateTrials = cand.trialCount
        let logBase = base.trialMedians.allSatisfy { $0 > 0 } ? base.trialMedians.map { Foundation.log($0) } : nil
        let logCand = cand.trialMedians.allSatisfy { $0 > 0 } ? cand.trialMedians.map { Foundation.log($0) } : nil
        var design = Design.independent
        var differenceMean = Foundation.log(ratio)
        var error: Double?
        var freedom: Double?
        var spreads: (Double, Double)?
        var pairedSpread: Double?
        var floor = 2 * runSpread * runSpread
        if let logBase, let logCand {
            let rounds = paired ? TrialComparison.pairedDifferences(baseline: baseline, candidate: candidate) : []
            if baselineIsReference {
                design = .reference
                if logCand.count >= 2 {
                    let spread = TrialComparison.standardDeviation(logCand)
                    error = spread / Double(logCand.count).squareRoot()
                    freedom = Double(logCand.count - 1)
                    spreads = (0, spread)
                }
            } else if rounds.count >= 2 {
                design = .paired
                floor = 0
                differenceMean = rounds.reduce(0, +) / Double(rounds.count)
                let spread = TrialComparison.standardDeviation(rounds)
                error = spread / Double(rounds.count).squareRoot()
                freedom = Double(rounds.count - 1)
                pairedSpread = spread
            } else if logBase.count >= 2 && logCand.count >= 2 {
                let (baseSpread, candSpread) = (TrialComparison.standardDeviation(logBase),
                                                TrialComparison.standardDeviation(logCand))
                let (baseVariance, candVariance) = (baseSpread * baseSpread / Double(logBase.count),
                                                    candSpread * candSpread / Double(logCand.count))
                error = (baseVariance + candVariance).squareRoot()
                freedom = TrialComparison.welchDegreesOfFreedom(baseVariance, logBase.count, candVariance, logCand.count)
                spreads = (baseSpread, candSpread)
            }
        }
        if let trialError = error, let trialFreedom = freedom, floor > 0 {
            // Welch–Satterthwaite with a known component: it adds variance but no estimation error.
            let trialVariance = trialError * trialError
            error = (trialVariance + floor).squareRoot()
            freedom = trialVariance > 0
                ? trialFreedom * (trialVariance + floor) * (trialVariance + floor) / (trialVariance * trialVariance)
                : 1e6
        }
        self.design = design
        self.floorVariance = floor
        self.standardError = error
        self.degreesOfFreedom = freedom
        self.spreads = spreads
        self.pairedSpread = pairedSpread
        guard let error, let freedom else {
            interval = nil
            pValue = nil
            return
        }
        let center = exp(differenceMean)
        if error == 0 {
            interval = ConfidenceInterval(lower: center, upper: center, level: level)
            pValue = differenceMean == 0 ? 1 : 0
            return
        }
        let half = StudentT.criticalValue(level: level, degreesOfFreedom: freedom) * error
        interval = ConfidenceInterval(lower: exp(differenceMean - half), upper: exp(differenceMean + half), level: level)
        pValue = StudentT.twoSidedPValue(differenceMean / error, degreesOfFreedom: freedom)
    }

    /// Trials per side (per build when paired) for the `level` interval of log(ratio) to have half-width at most
    /// `logHalfWidth`, at the spreads seen so far; nil without a spread, 1001 when more than 1000 would be needed
    /// or the run-to-run floor alone is wider (no number of trials decides it then: pair the runs instead).
    public func trialsNeeded(logHalfWidth: Double, level: Double) -> Int? {
        let variancePerTrial: Double
        if let pairedSpread {
            variancePerTrial = pairedSpread * pairedSpread
        } else if let spreads {
            variancePerTrial = spreads.baseline * spreads.baseline + spreads.candidate * spreads.candidate
        } else {
            return nil
        }
        guard logHalfWidth > 0 else { return nil }
        for trials in 2...1000 {
            let freedom = design == .independent ? Double(2 * trials - 2) : Double(trials - 1)
            let half = StudentT.criticalValue(level: level, degreesOfFreedom: freedom)
                * (variancePerTrial / Double(trials) + floorVariance).squareRoot()
            if half <= logHalfWidth { return trials }
        }
        return 1001
    }

    /// log(candidate) − log(baseline) for every round both sides have, in round order.
    static func pairedDifferences(baseline: [TrialSamples], candidate: [TrialSamples]) -> [Double] {
        var baselineByRound: [Int: Double] = [:]
        for trial in baseline { if let median = trial.median, median > 0 { baselineByRound[trial.trial] = median } }
        return candidate.compactMap { trial in
            guard let median = trial.median, median > 0, median.isFinite,
                  let base = baselineByRound[trial.trial], base.isFinite else { return nil }
            return Foundation.log(median) - Foundation.log(base)
        }
    }

    static func standardDeviation(_ values: [Double]) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }

    /// The Welch–Satterthwaite degrees of freedom from each side's variance of its mean.
    static func welchDegreesOfFreedom(_ first: Double, _ firstCount: Int, _ second: Double, _ secondCount: Int) -> Double {
        let numerator = (first + second) * (first + second)
        let denominator = first * first / Double(firstCount - 1) + second * second / Double(secondCount - 1)
        return denominator > 0 ? numerator / denominator : Double(firstCount + secondCount - 2)
    }
}
