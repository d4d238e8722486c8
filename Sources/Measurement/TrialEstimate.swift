import Foundation

/// A case's central value with a confidence interval whose unit of replication is the trial.
///
/// Each trial is summarised by its median; the estimate is the geometric mean of those medians and the
/// interval is Student's t on their logarithms (times are positive and their spread is multiplicative).
/// Unlike the median of all pooled steps, this estimate moves smoothly when whole processes run slow, and
/// the interval widens with the spread between processes instead of shrinking with the step count.
/// Metrics with a zero or negative trial median use the arithmetic mean and a t interval on the raw scale;
/// an infinite trial median (a target never reached) leaves the median of trial medians and no interval.
public struct TrialEstimate: Sendable, Equatable {
    public enum Scale: String, Sendable, Equatable, Codable {
        /// t interval on log trial medians; estimate = geometric mean.
        case logarithmic
        /// t interval on raw trial medians; estimate = arithmetic mean.
        case linear
        /// Some trial median is infinite: median of trial medians, no interval.
        case ordinal
    }

    /// Per-trial medians, in trial order (trials without a non-NaN value are left out).
    public let trialMedians: [Double]
    public let sampleCount: Int
    public let estimate: Double
    /// Nil with fewer than two trials: one process says nothing about the next.
    public let interval: ConfidenceInterval?
    public let scale: Scale
    /// Standard deviation of the trial medians on the estimate's scale (log for `logarithmic`); nil below 2 trials.
    public let trialSpread: Double?

    public var trialCount: Int { trialMedians.count }

    /// `runSpread`: the standard deviation of a whole run's log estimate beyond its trials (machine drift between
    /// runs, measured by scripts/calibrate-gate.sh). Nonzero, the interval is for the case's value on this machine
    /// across runs, not only within this run; it widens the log-scale interval (taken as known: no degrees of
    /// freedom lost). The stopping rule uses 0: more trials cannot shrink the run-to-run part.
    public init?(_ trials: [TrialSamples], level: Double = 0.95, runSpread: Double = 0) {
        let medians = trials.compactMap(\.median)
        guard !medians.isEmpty else { return nil }
        trialMedians = medians
        sampleCount = trials.reduce(0) { $0 + $1.values.filter { !$0.isNaN }.count }
        if medians.contains(where: { !$0.isFinite }) {
            scale = .ordinal
            estimate = SampleSummary.percentile(50, ofSorted: medians.sorted())
            interval = nil
            trialSpread = nil
            return
        }
        let logarithmic = medians.allSatisfy { $0 > 0 }
        scale = logarithmic ? .logarithmic : .linear
        let points = logarithmic ? medians.map { Foundation.log($0) } : medians
        let mean = points.reduce(0, +) / Double(points.count)
        estimate = logarithmic ? exp(mean) : mean
        guard points.count >= 2 else {
            interval = nil
            trialSpread = nil
            return
        }
        let variance = points.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(points.count - 1)
        let spread = variance.squareRoot()
        trialSpread = spread
        let trialVariance = variance / Double(points.count)
        let runVariance = logarithmic ? runSpread * runSpread : 0
        let freedom = trialVariance > 0
            ? Double(points.count - 1) * (trialVariance + runVariance) * (trialVariance + runVariance)
                / (trialVariance * trialVariance)
            : 1e6
        let half = StudentT.criticalValue(level: level, degreesOfFreedom: freedom)
            * (trialVariance + runVariance).squareRoot()
        interval = logarithmic
            ? ConfidenceInterval(lower: exp(mean - half), upper: exp(mean + half), level: level)
            : ConfidenceInterval(lower: mean - half, upper: mean + half, level: level)
    }

    /// (CI upper − CI lower) / |estimate|; infinite without an interval, so one trial never settles a case.
    public var relativeIntervalWidth: Double {
        interval?.relativeWidth(around: estimate) ?? .infinity
    }

    /// "12×200": trials × samples per trial (the mean count, rounded), the way `n` is reported.
    public var replicationLabel: String {
        let perTrial = Int((Double(sampleCount) / Double(max(trialCount, 1))).rounded())
        return "\(trialCount)×\(perTrial)"
    }
}
