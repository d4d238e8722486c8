import Measurement

/// Limits progress reports to a few per second, so reporting never competes with the work.
struct ProgressThrottle {
    private var lastReport: UInt64 = 0
    private var lastPhase = ""
    static let interval: UInt64 = 250_000_000

    mutating func shouldReport(phase: String) -> Bool {
        let now = MonotonicClock.now()
        guard phase != lastPhase || now &- lastReport >= ProgressThrottle.interval else { return false }
        lastPhase = phase
        lastReport = now
        return true
    }
}
