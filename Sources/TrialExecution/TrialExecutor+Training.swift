import Datasets
import Engines
import Measurement
import ProtocolModel
import TensorCore

/// A training trial: the first step timed apart, warm-up (fixed, or until step times are stable), the
/// measured steps, and — with a quality target — evaluations on the test split whose time is excluded from
/// the time to target. An engine asked to profile kernels is profiled over the measured steps only.
extension TrialExecutor {
    func train(engine: any Engine, spec: TrainSpec, agreementReference: [Double] = []) throws -> TrialResult {
        var samples: [MetricSample] = []
        var profile = MeasuredKernelProfile(engine: engine, active: plannedCase.engine.profileKernels)
        var firstLosses: [Double] = []
        var clock = TargetClock(target: spec.target, start: MonotonicClock.now())  // before the first data touch
        var batches = BatchSource(split: dataset.train, batchSize: spec.batchSize,
                                  seed: benchmark.seed &+ UInt64(trialIndex), shuffles: true)
        let measuredSteps: Int
        switch spec.length {
        case let .steps(count): measuredSteps = count
        case let .epochs(count): measuredSteps = count * batches.stepsPerEpoch
        }
        var throttle = ProgressThrottle()
        // Evaluations for a quality target are not steps: their buffers stay out of the per-step memory metrics.
        var evaluationAllocations = (requests: 0, system: 0)
        var peakOutsideEvaluations = 0
        func evaluate() throws -> Double {
            let before = Self.allocationCounts
            peakOutsideEvaluations = max(peakOutsideEvaluations, BufferPool.shared.snapshot.peakLiveBytes)
            defer {
                let after = Self.allocationCounts
                evaluationAllocations.requests += after.requests - before.requests
                evaluationAllocations.system += after.system - before.system
                BufferPool.shared.resetPeak()
            }
            return try accuracy(engine: engine, split: dataset.test)
        }

        func step(_ index: Int) throws -> (loss: Float, nanoseconds: UInt64, rows: Int) {
            let batch = batches.next()
            let (loss, nanoseconds) = try StepTimer.time { try engine.trainStep(inputs: batch.inputs, labels: batch.labels) }
            if firstLosses.count < agreementReference.count { firstLosses.append(Double(loss)) }
            guard loss.isFinite else { throw RunnerError.diverged(step: index, loss: loss) }
            try clock.stepFinished { try profile.excluding { try evaluate() } }
            return (loss, nanoseconds, batch.labels.elementCount)
        }

        // The first step of the trial, reported apart (later engines capture and compile here).
        try checkpoint()
        let first = try step(0)
        samples += [sample(.timeToFirstStep, Double(first.nanoseconds) / 1e6)].compactMap { $0 }
        var warmup = WarmupStability(tolerance: policy.warmupStabilityTolerance)
        warmup.record(first.nanoseconds)
        var warmupTaken = 1
        let warmupLimit = policy.warmupUntilStable ? max(policy.maxWarmupSteps, policy.warmupSteps) : policy.warmupSteps
        while warmupTaken < policy.warmupSteps
            || (policy.warmupUntilStable && warmupTaken < warmupLimit && !warmup.isStable) {
            try checkpoint()
            if throttle.shouldReport(phase: "warmup") { progress(TrialProgress(phase: "warmup", step: warmupTaken, total: warmupLimit)) }
            warmup.record(try step(warmupTaken).nanoseconds)
            warmupTaken += 1
        }

        BufferPool.shared.resetPeak()
        peakOutsideEvaluations = 0
        evaluationAllocations = (0, 0)
        let allocationsBefore = Self.allocationCounts
        let stepsPerEpoch = batches.stepsPerEpoch
        var totalNanoseconds: UInt64 = 0
        var epochNanoseconds: UInt64 = 0
        var totalSamples = 0
        var lastLoss: Float = .nan
        var stepTimes = [Double]()
        stepTimes.reserveCapacity(measuredSteps)
        try profile.begin()
        for index in 0..<measuredSteps {
            try checkpoint()
            if throttle.shouldReport(phase: "measure") { progress(TrialProgress(phase: "measure", step: index, total: measuredSteps)) }
            let result = try step(warmupTaken + index)
            lastLoss = result.loss
            totalNanoseconds += result.nanoseconds
            epochNanoseconds += result.nanoseconds
            totalSamples += result.rows
            stepTimes.append(Double(result.nanoseconds) / 1e6)
            if (index + 1) % stepsPerEpoch == 0 {
                samples += [sample(.epochTime, Double(epochNanoseconds) / 1e9)].compactMap { $0 }
                epochNanoseconds = 0
            }
        }
        try profile.end(steps: measuredSteps)
        var allocationsAfter = Self.allocationCounts
        allocationsAfter.requests -= evaluationAllocations.requests
        allocationsAfter.system -= evaluationAllocations.system
        let peakLiveBytes = max(peakOutsideEvaluations, BufferPool.shared.snapshot.peakLiveBytes)
        try clock.trainingFinished { try accuracy(engine: engine, split: dataset.test) }
        if metrics.contains(.stepTime) {
            samples += stepTimes.map { MetricSample(metric: Metric.stepTime.rawValue, unit: Metric.stepTime.unit, value: $0) }
        }
        samples += [
            sample(.samplesPerSecond, Double(totalSamples) / max(Double(totalNanoseconds) / 1e9, 1e-12)),
            sample(.finalLoss, Double(lastLoss)),
            sample(.peakLiveBytes, Double(peakLiveBytes)),
            sample(.allocationsPerStep, Double(allocationsAfter.requests - allocationsBefore.requests) / Double(max(measuredSteps, 1))),
            sample(.systemAllocationsPerStep,
                   Double(allocationsAfter.system - allocationsBefore.system) / Double(max(measuredSteps, 1))),
        ].compactMap { $0 }
        if metrics.contains(.testAccuracy) {
            samples += [sample(.testAccuracy, try accuracy(engine: engine, split: dataset.test))].compactMap { $0 }
        }
        samples += EngineStatisticsSamples.samples(engine, metrics: metrics)
        samples += try agreementSamples(engineLosses: firstLosses, reference: agreementReference)
        if let outcome = clock.outcome {
            samples += [
                sample(.targetReached, outcome.reached ? 1 : 0),
                sample(.timeToTarget, outcome.seconds),
                sample(.evaluationTime, outcome.evaluationSeconds),
            ].compactMap { $0 }
        }
        return TrialResult(samples: samples, kernelTimes: profile.kernelTimes)
    }

    /// Top-1 accuracy of the engine on `split`, in evaluation batches of 256.
    func accuracy(engine: any Engine, split: LabeledSplit) throws -> Double {
        var batches = BatchSource(split: split, batchSize: 256, seed: 0, shuffles: false)
        var correct = 0
        var seen = 0
        while seen < split.count {
            let batch = batches.next()
            let rows = min(batch.labels.elementCount, split.count - seen)
            let logits = try engine.infer(inputs: batch.inputs).values()
            let labels = try batch.labels.values()
            let classes = split.classes
            for row in 0..<rows {
                var best = 0
                for column in 1..<classes where logits[row * classes + column] > logits[row * classes + best] { best = column }
                if best == Int(labels[row]) { correct += 1 }
            }
            seen += rows
        }
        return Double(correct) / Double(max(split.count, 1))
    }
}
