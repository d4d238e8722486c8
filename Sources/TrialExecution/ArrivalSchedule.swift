import Foundation
import Measurement

/// Query arrival times of the server scenario: a Poisson process (exponential gaps) at a mean rate, drawn
/// from a seed, so every engine faces exactly the same arrivals and a run can be reproduced.
public enum ArrivalSchedule {
    /// `count` arrival offsets in nanoseconds from the start, ascending; the first gap is drawn too.
    public static func poisson(rate queriesPerSecond: Double, count: Int, seed: UInt64) -> [UInt64] {
        precondition(queriesPerSecond > 0, "the decoder guarantees targetRate > 0")
        var generator = SplitMix64(seed: seed)
        var offsets = [UInt64]()
        offsets.reserveCapacity(max(count, 0))
        var seconds = 0.0
        for _ in 0..<max(count, 0) {
            // 1 − u is in (0, 1], so the logarithm is finite.
            seconds += -log(1 - generator.nextUnitInterval()) / queriesPerSecond
            offsets.append(MonotonicClock.nanoseconds(seconds))
        }
        return offsets
    }

    /// The same draws at one query per second, in seconds: `poisson(rate:)` divided by the rate (to rounding), so a
    /// worker in another language can scale the rate search's probe schedules itself (`ExternalWorkload.Server`).
    public static func unitRateSeconds(count: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        var offsets = [Double]()
        offsets.reserveCapacity(max(count, 0))
        var seconds = 0.0
        for _ in 0..<max(count, 0) {
            seconds += -log(1 - generator.nextUnitInterval())
            offsets.append(seconds)
        }
        return offsets
    }
}
