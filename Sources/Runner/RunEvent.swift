import TrialExecution

/// What the runner reports as it goes, for progress lines and logs. The store, not these events, is the record.
public enum RunEvent: Sendable {
    /// `plannedTrials` is the most trials the run can execute (cases × maxTrials); the stopping rule may end sooner.
    case started(runID: Int64, cases: Int, plannedTrials: Int)
    /// A trial begins; `round` counts from 1 up to `maxRounds`.
    case trialStarted(PlannedCase, round: Int, maxRounds: Int)
    case trialProgress(PlannedCase, TrialProgress)
    case trialFinished(PlannedCase, trial: Int, of: Int, headline: String)
    case caseFailed(PlannedCase, message: String)
    case caseSkipped(PlannedCase, reason: String)
    /// A noise warning (load, frequency scaling, high variation, harness overhead); also stored with the run.
    case warning(String)
    case finished(runID: Int64, status: String)
}
