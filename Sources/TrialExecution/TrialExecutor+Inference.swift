import Engines
import Measurement
import ProtocolModel
import TensorCore

/// An inference trial in one of MLPerf LoadGen's scenarios. Batches are cut before any timing and reused
/// cyclically; a query is one batch of the case's batch size. The trial issues at least `iterations`
/// queries and keeps going until `minDurationSeconds` of measured time have passed as well. A profiled engine's
/// kernel breakdown is per query over the measured queries (the server scenario's rate search excluded).
extension TrialExecutor {
    /// Distinct batches cut ahead of timing; enough to defeat caching of one input, small enough to stay cheap.
    static let preparedBatchLimit = 32

    func infer(engine: any Engine, spec: InferSpec, agreementReference: [[Double]]) throws -> TrialResult {
        let inputs = preparedInputs()
        // Before the warm-up, so an engine's first queries are the ones checked; untimed.
        let agreement = try inferenceAgreementSamples(engine: engine, inputs: inputs, reference: agreementReference)
        for index in 0..<policy.warmupSteps {
            try checkpoint()
            _ = try engine.infer(inputs: inputs[index % inputs.count])
        }
        BufferPool.shared.resetPeak()
        let allocationsBefore = Self.allocationCounts
        var profile = MeasuredKernelProfile(engine: engine, active: plannedCase.engine.profileKernels)
        try profile.begin()
        var samples: [MetricSample]
        var remarks: [String] = []
        let queries: Int
        switch spec.scenario {
        case .singleStream:
            (samples, queries) = try singleStream(engine: engine, spec: spec, inputs: inputs)
        case .offline:
            (samples, queries) = try offline(engine: engine, spec: spec, inputs: inputs)
        case .server:
            guard let settings = spec.server else {
                throw RunnerError.unsupported("server scenario of task '\(plannedCase.task.name)' has no targetRate/latencyBoundMs")
            }
            (samples, queries, remarks) = try server(engine: engine, spec: spec, settings: settings, inputs: inputs,
                                                     profile: &profile)
        }
        try profile.end(steps: queries)  // a no-op after the server scenario, which ends it before its rate search
        let allocationsAfter = Self.allocationCounts
        samples += [
            sample(.peakLiveBytes, Double(BufferPool.shared.snapshot.peakLiveBytes)),
            sample(.allocationsPerStep, Double(allocationsAfter.requests - allocationsBefore.requests) / Double(max(queries, 1))),
            sample(.systemAllocationsPerStep,
                   Double(allocationsAfter.system - allocationsBefore.system) / Double(max(queries, 1))),
        ].compactMap { $0 }
        samples += EngineStatisticsSamples.samples(engine, metrics: metrics) + agreement
        return TrialResult(samples: samples, kernelTimes: profile.kernelTimes, remarks: remarks)
    }

    func preparedInputs() -> [Tensor] {
        var batches = BatchSource(split: dataset.test, batchSize: plannedCase.batchSize, seed: 0, shuffles: false)
        let count = max(1, min(Self.preparedBatchLimit, dataset.test.count / max(plannedCase.batchSize, 1)))
        return (0..<count).map { _ in batches.next().inputs }
    }

    /// One query at a time, each timed; latency percentiles per trial.
    private func singleStream(engine: any Engine, spec: InferSpec, inputs: [Tensor]) throws -> ([MetricSample], Int) {
        let minimumNanoseconds = MonotonicClock.nanoseconds(spec.minDurationSeconds)
        var latencies = [UInt64]()
        latencies.reserveCapacity(spec.iterations)
        var totalNanoseconds: UInt64 = 0
        var throttle = ProgressThrottle()
        while latencies.count < spec.iterations || totalNanoseconds < minimumNanoseconds {
            try checkpoint()
            if throttle.shouldReport(phase: "measure") {
                progress(TrialProgress(phase: "measure", step: latencies.count, total: spec.iterations))
            }
            let input = inputs[latencies.count % inputs.count]
            let (_, nanoseconds) = try StepTimer.time { try engine.infer(inputs: input) }
            latencies.append(nanoseconds)
            totalNanoseconds += nanoseconds
        }
        let throughput = Double(latencies.count * plannedCase.batchSize) / max(Double(totalNanoseconds) / 1e9, 1e-12)
        return (latencySamples(latencies) + [sample(.samplesPerSecond, throughput)].compactMap { $0 }, latencies.count)
    }

    /// Queries back to back under one clock: throughput at the batch size, without per-query timing.
    private func offline(engine: any Engine, spec: InferSpec, inputs: [Tensor]) throws -> ([MetricSample], Int) {
        let minimumNanoseconds = MonotonicClock.nanoseconds(spec.minDurationSeconds)
        var queries = 0
        let start = MonotonicClock.now()
        var elapsed: UInt64 = 0
        while queries < spec.iterations || elapsed < minimumNanoseconds {
            try checkpoint()
            _ = try engine.infer(inputs: inputs[queries % inputs.count])
            queries += 1
            elapsed = MonotonicClock.now() &- start
        }
        let throughput = Double(queries * plannedCase.batchSize) / max(Double(elapsed) / 1e9, 1e-12)
        return ([sample(.samplesPerSecond, throughput)].compactMap { $0 }, queries)
    }

    /// Every latency as a sample, plus this trial's p90 and p99.
    func latencySamples(_ latencies: [UInt64]) -> [MetricSample] {
        var samples: [MetricSample] = []
        if metrics.contains(.latency) {
            samples = latencies.map { MetricSample(metric: Metric.latency.rawValue, unit: Metric.latency.unit, value: Double($0) / 1e6) }
        }
        let sorted = latencies.map { Double($0) / 1e6 }.sorted()
        samples += [
            sample(.latencyP90, SampleSummary.percentile(90, ofSorted: sorted)),
            sample(.latencyP99, SampleSummary.percentile(99, ofSorted: sorted)),
        ].compactMap { $0 }
        return samples
    }
}
