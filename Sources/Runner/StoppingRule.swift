import Measurement
import ProtocolModel
import ResultStore

/// When a case has enough trials: after `minTrials`, once the 95% bootstrap CI of the median of its primary
/// metric is at most `targetRelativeCIWidth` of the median. Without a target, after `maxTrials`.
///
/// The interval is computed over all raw samples of the case so far (one case, one machine fingerprint),
/// seeded by the run's order seed so the decision is reproducible.
struct StoppingRule {
    let policy: RepetitionPolicy
    let seed: UInt64

    /// The metric whose precision decides: step time for training, latency for single-stream and server
    /// inference, throughput for offline inference.
    static func primaryMetric(of plannedCase: PlannedCase) -> Metric {
        switch plannedCase.task.workload {
        case .train: return .stepTime
        case let .infer(spec): return spec.scenario == .offline ? .samplesPerSecond : .latency
        }
    }

    func isSettled(trials: Int, primarySamples: [Double]) -> Bool {
        guard trials >= policy.minTrials else { return false }
        guard trials < policy.maxTrials else { return true }
        guard let target = policy.targetRelativeCIWidth else { return false }
        guard let statistics = MetricStatistics(primarySamples, seed: seed, resamples: 1000) else { return false }
        return statistics.relativeIntervalWidth <= target
    }
}
