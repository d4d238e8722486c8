/// The one timing path of every measured step: two monotonic clock reads around the body, nothing else
/// inside the timed region (no allocation, no sample bookkeeping).
///
/// Because every runner timing goes through `time`, timing an empty body measures exactly the harness's
/// own cost per step (`HarnessOverhead`).
public enum StepTimer {
    /// Runs `body` and returns its result and its duration in nanoseconds.
    @inline(__always)
    public static func time<Result>(_ body: () throws -> Result) rethrows -> (result: Result, nanoseconds: UInt64) {
        let start = MonotonicClock.now()
        let result = try body()
        let end = MonotonicClock.now()
        return (result, end &- start)
    }
}

/// The harness's own cost per measured step: the median duration of an empty step timed through
/// `StepTimer`, over many repetitions.
public enum HarnessOverhead {
    /// Median and 99th percentile, in nanoseconds, of `repetitions` empty steps.
    public static func measure(repetitions: Int = 20_000) -> (median: Double, p99: Double) {
        var durations = [Double]()
        durations.reserveCapacity(repetitions)
        for _ in 0..<max(repetitions, 1) {
            let (_, nanoseconds) = StepTimer.time { emptyStep() }
            durations.append(Double(nanoseconds))
        }
        durations.sort()
        return (SampleSummary.percentile(50, ofSorted: durations), SampleSummary.percentile(99, ofSorted: durations))
    }

    @inline(never)
    static func emptyStep() {}
}
