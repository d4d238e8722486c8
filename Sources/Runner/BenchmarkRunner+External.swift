import Datasets
import Foundation
import Measurement
import ProtocolModel
import ResultStore
import TrialExecution

/// A trial of an `external` engine: the engine's own worker command, the same budget, timeout and crash
/// handling as `dlbench worker`, the hand-off files (weights, data, batch order) and the agreement check
/// against eager's first losses. Infer tasks go to `executeExternalInferenceTrial`.
extension BenchmarkRunner {
    func executeExternalTrial(_ plannedCase: PlannedCase, trial: Int, context: inout RunContext,
                              onProgress: (TrialProgress) -> Void) throws -> TrialResult {
        let benchmark = context.benchmark
        let engine = plannedCase.engine
        guard let worker = engine.external else {
            throw RunnerError.unsupported("engine '\(engine.name)' is external but names no worker")
        }
        let spec: TrainSpec
        switch plannedCase.task.workload {
        case let .train(train): spec = train
        case let .infer(infer):
            return try executeExternalInferenceTrial(plannedCase, spec: infer, worker: worker, trial: trial,
                                                     context: &context, onProgress: onProgress)
        }
        guard let model = benchmark.model(named: plannedCase.task.model) else {
            throw RunnerError.unsupported("model '\(plannedCase.task.model)' is not defined")
        }
        let command = try ExternalCommand.resolve(worker, engine: engine.name)
        let dataset = try dataset(for: plannedCase, context: &context)
        let handOff = try context.externalHandOff()
        let policy = benchmark.repetition
        let measuredSteps: Int
        switch spec.length {
        case let .steps(count): measuredSteps = count
        case let .epochs(count): measuredSteps = count * ((dataset.train.count + spec.batchSize - 1) / spec.batchSize)
        }
        let warmupSteps = max(policy.warmupSteps, 1)
        let agreementSteps = min(benchmark.agreement.steps, warmupSteps + measuredSteps)
        let files = ExternalWorkload.Files(
            weights: try handOff.weightsFile(for: model, dataset: dataset, protocolSeed: benchmark.seed),
            data: try handOff.dataFile(for: dataset, named: plannedCase.task.dataset),
            batches: try handOff.batchesFile(task: plannedCase.task.name, batchSize: spec.batchSize, trial: trial,
                                             steps: warmupSteps + measuredSteps, dataset: dataset, seed: benchmark.seed))
        let workload = ExternalWorkload(
            engine: engine.name, options: worker.options, taskKind: plannedCase.task.kind.rawValue,
            model: ExternalWorkload.Model(model.architecture), inputShape: dataset.train.exampleShape,
            classes: dataset.train.classes, optimizer: ExternalWorkload.Optimizer(spec.optimizer), batchSize: spec.batchSize,
            warmupSteps: warmupSteps, measuredSteps: measuredSteps, totalSteps: warmupSteps + measuredSteps,
            threads: plannedCase.machine.threads, metrics: benchmark.metrics(for: plannedCase.task).map(\.rawValue),
            agreementSteps: agreementSteps, files: files)
        var request = WorkerMessage.run(protocolText: context.protocolText, protocolPath: context.protocolPath,
                                        identity: plannedCase.identity, trial: trial,
                                        timeoutSeconds: policy.caseTimeoutSeconds)
        request.external = workload
        let outcome = try WorkerProcess(command: command, guardCommand: workerGuard).runTrial(request: request, timeoutSeconds: policy.caseTimeoutSeconds,
                                                                    onProgress: onProgress)
        let reference = try handOff.eagerLosses(plannedCase, spec: spec, model: model, dataset: dataset, trial: trial,
                                                steps: agreementSteps, protocolSeed: benchmark.seed)
        var samples = Self.addingPeakRSS(outcome, wanted: benchmark.metrics(for: plannedCase.task).contains(.peakRSSBytes))
        samples += try AgreementCheck.samples(outcome.losses ?? [], reference: reference, engine: engine.name,
                                             policy: benchmark.agreement,
                                             record: benchmark.metrics(for: plannedCase.task).contains(.deviationFromEager))
        return TrialResult(samples: samples, remarks: outcome.remarks)
    }

    /// The worker's samples, plus `result.peakRSSBytes` as `peak_rss_bytes` when wanted and not sent as a sample.
    static func addingPeakRSS(_ outcome: WorkerProcess.Outcome, wanted: Bool) -> [MetricSample] {
        var samples = outcome.samples
        if wanted, !samples.contains(where: { $0.metric == Metric.peakRSSBytes.rawValue }), let peak = outcome.peakRSSBytes {
            samples.append(MetricSample(metric: Metric.peakRSSBytes.rawValue, unit: Metric.peakRSSBytes.unit, value: Double(peak)))
        }
        return samples
    }
}

extension RunContext {
    /// The run's hand-off directory, created by the first external trial.
    mutating func externalHandOff() throws -> ExternalHandOff {
        if let existing = handOff { return existing }
        let created = try ExternalHandOff()
        handOff = created
        return created
    }
}
