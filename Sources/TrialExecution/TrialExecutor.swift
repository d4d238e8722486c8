import Datasets
import Engines
import Measurement
import ProtocolModel
import TensorCore

/// Runs one trial of one case and returns its samples (and kernel breakdown, when profiled). A trial starts from
/// the seeded initial weights, so trials are independent repetitions of the same work. Every timed region goes
/// through `StepTimer`, whose cost `HarnessOverhead` measures; batches are cut, samples recorded and kernel
/// profiles taken outside timed regions.
///
/// The same code runs in a worker process (`WorkerSession`) and in-process; `deadline` (monotonic
/// nanoseconds) is checked between steps, so even an in-process trial stops at its budget.
public struct TrialExecutor {
    public let benchmark: BenchmarkProtocol
    public let plannedCase: PlannedCase
    public let dataset: LabeledDataset
    public let trialIndex: Int
    public var deadline: UInt64? = nil
    public var progress: (TrialProgress) -> Void = { _ in }

    public init(benchmark: BenchmarkProtocol, plannedCase: PlannedCase, dataset: LabeledDataset, trialIndex: Int,
                deadline: UInt64? = nil, progress: @escaping (TrialProgress) -> Void = { _ in }) {
        self.benchmark = benchmark
        self.plannedCase = plannedCase
        self.dataset = dataset
        self.trialIndex = trialIndex
        self.deadline = deadline
        self.progress = progress
    }

    var metrics: Set<Metric> { Set(benchmark.metrics(for: plannedCase.task)) }
    var policy: RepetitionPolicy { benchmark.repetition }

    public func run() throws -> TrialResult {
        guard let modelSpec = benchmark.model(named: plannedCase.task.model) else {
            throw RunnerError.unsupported("model '\(plannedCase.task.model)' is not defined")
        }
        Parallelism.setThreadCount(plannedCase.machine.threads)
        let model = try WorkloadFactory.model(modelSpec, dataset: dataset, protocolSeed: benchmark.seed)
        if let path = modelSpec.initialWeights { try CheckpointFiles.load(path, into: model) }
        var reference: [Double] = []
        var referenceOutputs: [[Double]] = []
        switch plannedCase.task.workload {
        case let .train(spec): reference = try eagerReferenceLosses(spec: spec, modelSpec: modelSpec)
        case .infer: referenceOutputs = try eagerReferenceOutputs(modelSpec: modelSpec)
        }
        ProcessMemory.resetPeak()
        var result: TrialResult
        switch plannedCase.task.workload {
        case let .train(spec):
            let optimizer = WorkloadFactory.optimizer(spec.optimizer)
            let engine = try WorkloadFactory.engine(plannedCase.engine, machine: plannedCase.machine, model: model,
                                                    optimizer: optimizer)
            result = try train(engine: engine, spec: spec, agreementReference: reference)
            if let path = spec.exportWeights {
                engine.synchronizeModelParameters()
                try CheckpointFiles.export(model, to: path, metadata: exportMetadata)
            }
        case let .infer(spec):
            let engine = try WorkloadFactory.engine(plannedCase.engine, machine: plannedCase.machine, model: model,
                                                    optimizer: SGD(learningRate: 0))
            result = try infer(engine: engine, spec: spec, agreementReference: referenceOutputs)
        }
        if trialIndex == 0, let loadTime = dataset.loadMilliseconds {
            result.samples += [sample(.dataLoadTime, loadTime)].compactMap { $0 }
        }
        if let peak = ProcessMemory.peakResidentBytes() {
            result.samples += [sample(.peakRSSBytes, Double(peak))].compactMap { $0 }
        }
        return result
    }

    func sample(_ metric: Metric, _ value: Double) -> MetricSample? {
        metrics.contains(metric) ? MetricSample(metric: metric.rawValue, unit: metric.unit, value: value) : nil
    }

    /// Between steps: honours Ctrl-C and the trial's budget.
    func checkpoint() throws {
        try InterruptMonitor.check()
        if let deadline, MonotonicClock.now() > deadline {
            throw RunnerError.timedOut(seconds: policy.caseTimeoutSeconds)
        }
    }

    /// Tensor-buffer requests and system allocations (pool misses) so far, for the per-step allocation metrics.
    static var allocationCounts: (requests: Int, system: Int) {
        let counters = BufferPool.shared.snapshot
        return (counters.requests, counters.allocations)
    }

    /// Seed of what a trial draws (the server scenario's arrivals): protocol seed, task, machine, batch size and
    /// trial index — not the engine, so every engine of a round faces the same arrival schedule.
    var trialSeed: UInt64 { Self.trialSeed(benchmark: benchmark, plannedCase: plannedCase, trialIndex: trialIndex) }

    /// The same seed for an external worker's trial, drawn by the runner (`ExternalServerSchedule`).
    public static func trialSeed(benchmark: BenchmarkProtocol, plannedCase: PlannedCase, trialIndex: Int) -> UInt64 {
        let workload = "\(plannedCase.task.name) · \(plannedCase.machine.name) · batch \(plannedCase.batchSize)"
        return SplitMix64.derivedSeed(benchmark.seed, WorkloadFactory.stableHash(workload), UInt64(trialIndex))
    }
}
