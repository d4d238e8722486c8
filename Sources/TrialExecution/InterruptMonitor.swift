#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

nonisolated(unsafe) private var interruptSignal: sig_atomic_t = 0

/// Turns the first SIGINT (Ctrl-C), SIGTERM (`kill`, a CI runner's cancel, a batch scheduler's time limit) or SIGHUP
/// (a closed terminal) into a request the runner honours between steps: the run is marked interrupted and every
/// finished trial stays stored. A second signal of the same kind ends the process at once, as usual.
public enum InterruptMonitor {
    public static let handled = [SIGINT, SIGTERM, SIGHUP]

    public static func install() {
        for number in handled {
            signal(number) { received in
                if interruptSignal == 0 { interruptSignal = received }
                signal(received, SIG_DFL)
            }
        }
    }

    public static var isRequested: Bool { interruptSignal != 0 }

    /// The signal that asked to stop (SIGINT when a test simulated the request), nil when none did.
    public static var signalNumber: Int32? { interruptSignal == 0 ? nil : interruptSignal }

    /// The exit status a shell reports for that signal: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP.
    public static var exitStatus: Int32 { 128 + (signalNumber ?? SIGINT) }

    /// "SIGINT", "SIGTERM" or "SIGHUP".
    public static var signalName: String {
        switch signalNumber ?? SIGINT {
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        default: return "SIGINT"
        }
    }

    /// For tests: simulate or clear a request.
    public static func setRequested(_ requested: Bool, signal: Int32 = SIGINT) {
        interruptSignal = requested ? signal : 0
    }

    public static func check() throws { if isRequested { throw RunnerError.interrupted } }
}
