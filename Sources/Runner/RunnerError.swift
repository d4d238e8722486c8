/// Why a case could not run. Recorded against the case; the run goes on.
public enum RunnerError: Error, CustomStringConvertible, Equatable {
    case interrupted
    case unsupported(String)
    case diverged(step: Int, loss: Float)

    public var description: String {
        switch self {
        case .interrupted: return "interrupted by the user (SIGINT); finished trials were kept"
        case let .unsupported(reason): return reason
        case let .diverged(step, loss): return "training diverged: loss \(loss) at step \(step)"
        }
    }
}
