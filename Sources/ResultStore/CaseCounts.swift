/// How many cases of a run ended in each status.
public struct CaseCounts: Sendable, Equatable {
    public var pending = 0
    public var running = 0
    public var succeeded = 0
    public var failed = 0
    public var skipped = 0

    public init() {}

    public var total: Int { pending + running + succeeded + failed + skipped }

    public subscript(status: CaseStatus) -> Int {
        get {
            switch status {
            case .pending: return pending
            case .running: return running
            case .succeeded: return succeeded
            case .failed: return failed
            case .skipped: return skipped
            }
        }
        set {
            switch status {
            case .pending: pending = newValue
            case .running: running = newValue
            case .succeeded: succeeded = newValue
            case .failed: failed = newValue
            case .skipped: skipped = newValue
            }
        }
    }
}
