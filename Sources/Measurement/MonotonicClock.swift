import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A nanosecond clock that never goes backwards.
///
/// Wall-clock time (`Date`) can jump when NTP adjusts it; benchmark intervals must come from
/// `CLOCK_MONOTONIC` instead, which only moves forward at a steady rate.
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary, fixed point (usually boot); only differences are meaningful.
    public static func now() -> UInt64 {
        var timeSpec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &timeSpec)
        return UInt64(timeSpec.tv_sec) &* 1_000_000_000 &+ UInt64(timeSpec.tv_nsec)
    }

    /// Nanoseconds in `seconds`, saturating: negative or NaN gives 0, anything beyond `UInt64` gives its maximum.
    /// `UInt64(seconds * 1e9)` traps on those, and durations come from protocol files and worker messages.
    public static func nanoseconds(_ seconds: Double) -> UInt64 {
        let value = seconds * 1e9
        guard value > 0 else { return 0 }
        return value < 18_446_744_073_709_549_568.0 ? UInt64(value) : UInt64.max
    }

    /// The clock reading `seconds` from now, saturating at `UInt64.max` (never wraps into the past).
    public static func deadline(after seconds: Double) -> UInt64 {
        let (sum, overflow) = now().addingReportingOverflow(nanoseconds(seconds))
        return overflow ? UInt64.max : sum
    }

    /// Runs `body` once and returns its result together with the elapsed nanoseconds.
    public static func measure<Result>(_ body: () throws -> Result) rethrows -> (result: Result, nanoseconds: UInt64) {
        let start = now()
        let result = try body()
        let end = now()
        return (result, end &- start)
    }

    /// Runs `body` once and returns the elapsed time in seconds.
    public static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let (_, nanoseconds) = try measure(body)
        return Double(nanoseconds) / 1e9
    }
}
