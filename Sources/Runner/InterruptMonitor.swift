#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

nonisolated(unsafe) private var interruptRequested: sig_atomic_t = 0

/// Turns the first Ctrl-C into a request the runner honours between steps (the run is marked interrupted and
/// every finished trial stays stored); a second Ctrl-C kills the process as usual.
public enum InterruptMonitor {
    public static func install() {
        signal(SIGINT) { _ in
            interruptRequested = 1
            signal(SIGINT, SIG_DFL)
        }
    }

    public static var isRequested: Bool { interruptRequested != 0 }

    /// For tests: simulate or clear a request.
    public static func setRequested(_ requested: Bool) { interruptRequested = requested ? 1 : 0 }

    static func check() throws { if isRequested { throw RunnerError.interrupted } }
}
