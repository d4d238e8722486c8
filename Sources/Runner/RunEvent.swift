/// What the runner reports as it goes, for progress lines and logs. The store, not these events, is the record.
public enum RunEvent: Sendable {
    case started(runID: Int64, cases: Int, trials: Int)
    case trialFinished(PlannedCase, trial: Int, of: Int, headline: String)
    case caseFailed(PlannedCase, message: String)
    case caseSkipped(PlannedCase, reason: String)
    case finished(runID: Int64, status: String)
}
