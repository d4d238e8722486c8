import Foundation
import Measurement
import ProtocolModel
import TrialExecution

/// When a case has enough trials, as Stein's two-stage procedure: the first `minTrials` trials measure the
/// spread between processes, which fixes how many trials the trial-level 95% interval needs to be
/// `targetRelativeCIWidth` wide; the case then runs that many (at most `maxTrials`, or until its trials have
/// used `maxSecondsPerCase`) and stops. Without a target, after `maxTrials`.
///
/// Why not "stop as soon as the interval is narrow": checking after every trial stops early exactly when the
/// spread happened to look small, and the reported 95% interval then covers the truth only ~92% of the time
/// (simulated with per-trial offsets of 3–10%); planning from the first stage keeps it at nominal
/// (docs/regression-gate.md). Only trials count as evidence: one trial of 10,000 steps settles nothing.
struct StoppingRule {
    let policy: RepetitionPolicy

    /// The metric whose precision decides (`TaskWorkload.primaryMetric`, the one the headline compares).
    static func primaryMetric(of plannedCase: PlannedCase) -> Metric {
        plannedCase.task.workload.primaryMetric
    }

    enum Decision: Equatable {
        case continuing
        /// The planned number of trials is reached.
        case settled
        case budgetSpent
        case maxTrials
    }

    func decide(primaryTrials: [TrialSamples], secondsUsed: Double) -> Decision {
        let trials = primaryTrials.count
        guard trials >= policy.minTrials else { return .continuing }
        guard trials < policy.maxTrials else { return .maxTrials }
        if let planned = plannedTrials(firstStage: Array(primaryTrials.prefix(policy.minTrials))), trials >= planned {
            return .settled
        }
        if let budget = policy.maxSecondsPerCase, secondsUsed >= budget { return .budgetSpent }
        return .continuing
    }

    /// Trials needed for the target width at the first stage's spread (width shrinks as 1/√n), within
    /// minTrials...maxTrials; nil without a target. A first stage without an interval (one trial) plans the maximum.
    func plannedTrials(firstStage: [TrialSamples]) -> Int? {
        guard let target = policy.targetRelativeCIWidth else { return nil }
        guard let width = TrialEstimate(firstStage)?.relativeIntervalWidth, width.isFinite else { return policy.maxTrials }
        let needed = (Double(firstStage.count) * (width / target) * (width / target)).rounded(.up)
        return Int(min(max(needed, Double(policy.minTrials)), Double(policy.maxTrials)))
    }
}
