#if canImport(Glibc)
import Glibc
#endif
import Engines
import Measurement
import ProtocolModel
import TensorCore

/// The server scenario: queries arrive on a seeded Poisson schedule and are served one at a time in arrival
/// order; a query's latency runs from its scheduled arrival to its completion, so time spent queued counts.
/// The bound holds when the trial's p99 latency is within `latencyBoundMs` (MLPerf's server criterion).
/// `max_rate_within_bound` is recorded only when the search brackets the highest rate; when the bound still held
/// at the last doubling (or failed at the last halving), the limit is not a measurement: the trial says so in a
/// remark (a run warning) instead.
extension TrialExecutor {
    /// Probes of the highest-rate search after the first measurement: doublings, then bisection steps.
    public static let rateSearchDoublings = 6
    public static let rateSearchBisections = 6

    func server(engine: any Engine, spec: InferSpec, settings: ServerSettings, inputs: [Tensor],
                profile: inout MeasuredKernelProfile) throws -> ([MetricSample], Int, [String]) {
        let count = Self.serverQueries(spec: spec, settings: settings)
        let measured = try serve(engine: engine, rate: settings.targetRate, count: count, inputs: inputs, probe: 0)
        try profile.end(steps: count)  // the probes of the rate search below are not the measured queries
        let boundNanoseconds = settings.latencyBoundMilliseconds * 1e6
        var samples = latencySamples(measured.latencies)
        samples += [
            sample(.latencyBoundMet, measured.p99 <= boundNanoseconds ? 1 : 0),
            sample(.samplesPerSecond, Double(count * plannedCase.batchSize) / max(measured.seconds, 1e-12)),
        ].compactMap { $0 }
        var remarks: [String] = []
        if settings.searchHighestRate && metrics.contains(.maxRateWithinBound) {
            let search = try highestRate(engine: engine, settings: settings, count: spec.iterations, inputs: inputs,
                                         startMeets: measured.p99 <= boundNanoseconds)
            if let limit = search.limit {
                remarks.append(limit)
            } else {
                samples += [sample(.maxRateWithinBound, search.rate)].compactMap { $0 }
            }
        }
        return (samples, count, remarks)
    }

    /// Measured queries of a server trial: `iterations`, or more when `minDurationSeconds` at the target rate needs them.
    public static func serverQueries(spec: InferSpec, settings: ServerSettings) -> Int {
        max(spec.iterations, Int((settings.targetRate * spec.minDurationSeconds).rounded(.up)))
    }

    /// Doubles the rate while the bound holds (or halves it while it does not), then bisects. `limit` says why no
    /// rate was found when the doublings or halvings ran out before the bound was bracketed.
    private func highestRate(engine: any Engine, settings: ServerSettings, count: Int, inputs: [Tensor],
                             startMeets: Bool) throws -> (rate: Double, limit: String?) {
        let bound = settings.latencyBoundMilliseconds * 1e6
        var probe = 1
        func meets(_ rate: Double) throws -> Bool {
            defer { probe += 1 }
            return try serve(engine: engine, rate: rate, count: count, inputs: inputs, probe: probe).p99 <= bound
        }
        var low = startMeets ? settings.targetRate : 0
        var high = startMeets ? .infinity : settings.targetRate
        for _ in 0..<Self.rateSearchDoublings {
            if startMeets {
                let candidate = low * 2
                if try meets(candidate) { low = candidate } else { high = candidate; break }
            } else {
                let candidate = high / 2
                if try meets(candidate) { low = candidate; break } else { high = candidate }
            }
        }
        let boundText = String(format: "%g ms", settings.latencyBoundMilliseconds)
        if !high.isFinite {
            return (low, "max_rate_within_bound not recorded: the p99 bound (\(boundText)) still held at "
                + String(format: "%g", low) + " queries/s, the search's last doubling; raise targetRate")
        }
        if low <= 0 {
            return (0, "max_rate_within_bound not recorded: the p99 bound (\(boundText)) failed even at "
                + String(format: "%g", high) + " queries/s, the search's last halving; lower targetRate or relax the bound")
        }
        for _ in 0..<Self.rateSearchBisections {
            let middle = (low + high) / 2
            if try meets(middle) { low = middle } else { high = middle }
        }
        return (low, nil)
    }

    /// Serves `count` queries arriving at `rate`; latencies in nanoseconds, their p99, and the wall time.
    private func serve(engine: any Engine, rate: Double, count: Int, inputs: [Tensor],
                       probe: Int) throws -> (latencies: [UInt64], p99: Double, seconds: Double) {
        let seed = SplitMix64.derivedSeed(trialSeed, UInt64(probe))
        let schedule = ArrivalSchedule.poisson(rate: rate, count: count, seed: seed)
        var latencies = [UInt64]()
        latencies.reserveCapacity(count)
        var throttle = ProgressThrottle()
        let origin = MonotonicClock.now() &+ 1_000_000
        var finished = origin
        for (index, offset) in schedule.enumerated() {
            try checkpoint()
            if throttle.shouldReport(phase: "measure") { progress(TrialProgress(phase: "measure", step: index, total: count)) }
            let arrival = origin &+ offset
            Self.wait(until: arrival)
            _ = try engine.infer(inputs: inputs[index % inputs.count])
            finished = MonotonicClock.now()
            latencies.append(finished &- arrival)
        }
        let sorted = latencies.map(Double.init).sorted()
        return (latencies, SampleSummary.percentile(99, ofSorted: sorted), Double(finished &- origin) / 1e9)
    }

    /// Sleeps while the arrival is far off, then spins for the last fraction of a millisecond.
    static func wait(until deadline: UInt64) {
        while true {
            let now = MonotonicClock.now()
            guard now < deadline else { return }
            let remaining = deadline &- now
            if remaining > 300_000 { usleep(UInt32((remaining - 200_000) / 1000)) }
        }
    }
}
