import Datasets
import Engines
import Measurement
import ProtocolModel
import ResultStore
import TensorCore

/// Runs one trial of one case and returns its samples. A trial starts from the seeded initial weights, so
/// trials are independent repetitions of the same work.
struct TrialExecutor {
    let benchmark: BenchmarkProtocol
    let plannedCase: PlannedCase
    let dataset: LabeledDataset
    let trialIndex: Int

    var metrics: Set<Metric> { Set(benchmark.metrics(for: plannedCase.task)) }

    func run() throws -> [MetricSample] {
        guard let modelSpec = benchmark.model(named: plannedCase.task.model) else {
            throw RunnerError.unsupported("model '\(plannedCase.task.model)' is not defined")
        }
        Parallelism.setThreadCount(plannedCase.machine.threads)
        let model = try WorkloadFactory.model(modelSpec, dataset: dataset, protocolSeed: benchmark.seed)
        switch plannedCase.task.workload {
        case let .train(spec):
            let optimizer = WorkloadFactory.optimizer(spec.optimizer)
            let engine = try WorkloadFactory.engine(plannedCase.engine, machine: plannedCase.machine, model: model,
                                                    optimizer: optimizer)
            return try train(engine: engine, spec: spec)
        case let .infer(spec):
            let engine = try WorkloadFactory.engine(plannedCase.engine, machine: plannedCase.machine, model: model,
                                                    optimizer: SGD(learningRate: 0))
            return try infer(engine: engine, spec: spec)
        }
    }

    private func sample(_ metric: Metric, _ value: Double) -> MetricSample? {
        metrics.contains(metric) ? MetricSample(metric: metric.rawValue, unit: metric.unit, value: value) : nil
    }

    private func train(engine: any Engine, spec: TrainSpec) throws -> [MetricSample] {
        var batches = BatchSource(split: dataset.train, batchSize: spec.batchSize,
                                  seed: benchmark.seed &+ UInt64(trialIndex), shuffles: true)
        let measuredSteps: Int
        switch spec.length {
        case let .steps(count): measuredSteps = count
        case let .epochs(count): measuredSteps = count * batches.stepsPerEpoch
        }
        for _ in 0..<benchmark.repetition.warmupSteps {
            try InterruptMonitor.check()
            let batch = batches.next()
            _ = try engine.trainStep(inputs: batch.inputs, labels: batch.labels)
        }
        BufferPool.shared.resetPeak()
        var samples: [MetricSample] = []
        var totalNanoseconds: UInt64 = 0
        var totalSamples = 0
        var lastLoss: Float = .nan
        for step in 0..<measuredSteps {
            try InterruptMonitor.check()
            let batch = batches.next()
            let start = MonotonicClock.now()
            lastLoss = try engine.trainStep(inputs: batch.inputs, labels: batch.labels)
            let elapsed = MonotonicClock.now() - start
            guard lastLoss.isFinite else { throw RunnerError.diverged(step: step, loss: lastLoss) }
            totalNanoseconds += elapsed
            totalSamples += batch.labels.elementCount
            if let sample = sample(.stepTime, Double(elapsed) / 1e6) { samples.append(sample) }
        }
        let peak = BufferPool.shared.snapshot.peakLiveBytes
        samples += [
            sample(.samplesPerSecond, Double(totalSamples) / max(Double(totalNanoseconds) / 1e9, 1e-12)),
            sample(.finalLoss, Double(lastLoss)),
            sample(.peakLiveBytes, Double(peak)),
        ].compactMap { $0 }
        if metrics.contains(.testAccuracy) {
            samples += [sample(.testAccuracy, try accuracy(engine: engine, split: dataset.test))].compactMap { $0 }
        }
        return samples
    }

    private func accuracy(engine: any Engine, split: LabeledSplit) throws -> Double {
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

    private func infer(engine: any Engine, spec: InferSpec) throws -> [MetricSample] {
        var batches = BatchSource(split: dataset.test, batchSize: plannedCase.batchSize, seed: 0, shuffles: false)
        for _ in 0..<benchmark.repetition.warmupSteps {
            try InterruptMonitor.check()
            _ = try engine.infer(inputs: batches.next().inputs)
        }
        BufferPool.shared.resetPeak()
        var samples: [MetricSample] = []
        var totalNanoseconds: UInt64 = 0
        for _ in 0..<spec.iterations {
            try InterruptMonitor.check()
            let batch = batches.next()
            let start = MonotonicClock.now()
            _ = try engine.infer(inputs: batch.inputs)
            let elapsed = MonotonicClock.now() - start
            totalNanoseconds += elapsed
            if let sample = sample(.latency, Double(elapsed) / 1e6) { samples.append(sample) }
        }
        let peak = BufferPool.shared.snapshot.peakLiveBytes
        samples += [
            sample(.samplesPerSecond, Double(spec.iterations * plannedCase.batchSize) / max(Double(totalNanoseconds) / 1e9, 1e-12)),
            sample(.peakLiveBytes, Double(peak)),
        ].compactMap { $0 }
        return samples
    }
}
