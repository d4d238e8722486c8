#if canImport(Glibc)
import Glibc
#endif

/// Why a case could not run. Recorded against the case; the run goes on.
public enum RunnerError: Error, CustomStringConvertible, Equatable {
    case interrupted
    case unsupported(String)
    case diverged(step: Int, loss: Float)
    /// The trial ran past the protocol's `repetition.caseTimeoutSeconds`; its worker was killed.
    case timedOut(seconds: Double)
    /// The worker process died from a signal (a crash, or SIGKILL from the out-of-memory killer).
    case workerCrashed(signal: Int32, detail: String)
    /// The worker exited without a result message.
    case workerExited(status: Int32, detail: String)
    /// The worker reported an error, or spoke something other than the worker protocol.
    case workerFailed(String)
    /// The engine's first losses deviate from eager's beyond `agreement.tolerance` (same weights, same batches).
    case disagreement(Disagreement)

    public var description: String {
        switch self {
        case .interrupted: return "interrupted (\(InterruptMonitor.signalName)); finished trials were kept"
        case let .unsupported(reason): return reason
        case let .diverged(step, loss): return "training diverged: loss \(loss) at step \(step)"
        case let .timedOut(seconds):
            return "timed out after \(seconds) s (repetition.caseTimeoutSeconds); raise it or shrink the task"
        case let .workerCrashed(signal, detail):
            return "worker killed by signal \(signal) (\(RunnerError.explain(signal: signal)))" + RunnerError.suffix(detail)
        case let .workerExited(status, detail):
            return "worker exited with status \(status) without a result" + RunnerError.suffix(detail)
        case let .workerFailed(message): return message
        case let .disagreement(figures): return figures.description
        }
    }

    /// The failure reason stored in `cases.message`: a short, stable prefix for tools, then the text.
    public var kind: String {
        switch self {
        case .interrupted: return "interrupted"
        case .unsupported: return "unsupported"
        case .diverged: return "diverged"
        case .timedOut: return "timeout"
        case let .workerCrashed(signal, _): return signal == SIGKILL ? "killed" : "crashed"
        case .workerExited: return "exited"
        case .workerFailed: return "failed"
        case .disagreement: return "deviation"
        }
    }

    public static func explain(signal: Int32) -> String {
        switch signal {
        case SIGKILL: return "SIGKILL: the out-of-memory killer or another process; check `dmesg` and peak_rss_bytes"
        case SIGSEGV: return "SIGSEGV: invalid memory access"
        case SIGABRT: return "SIGABRT: an abort, e.g. a failed precondition"
        case SIGILL: return "SIGILL: a Swift runtime trap or an unsupported instruction"
        case SIGBUS: return "SIGBUS: bad memory access"
        case SIGFPE: return "SIGFPE: arithmetic exception"
        case SIGTERM: return "SIGTERM: terminated by another process"
        default: return "signal \(signal)"
        }
    }

    private static func suffix(_ detail: String) -> String { detail.isEmpty ? "" : ": \(detail)" }
}
