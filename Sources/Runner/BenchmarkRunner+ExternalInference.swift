import Foundation
import Measurement
import ProtocolModel
import ResultStore
import TrialExecution

/// An infer trial of an `external` engine: the same worker supervision as training, the same weights and
/// data files, and the same metrics as in-repo engines (`latency` per query in ms, `latency_p90`/`latency_p99`
/// per trial, `samples_per_second`, `peak_rss_bytes`). There is no agreement check: inference has no losses.
extension BenchmarkRunner {
    func executeExternalInferenceTrial(_ plannedCase: PlannedCase, spec: InferSpec, worker: ExternalWorkerSpec, trial: Int,
                                       context: inout RunContext,
                                       onProgress: (TrialProgress) -> Void) throws -> [MetricSample] {
        let benchmark = context.benchmark
        let engine = plannedCase.engine
        // The server scenario needs an arrival schedule and a queue on the worker's side; no worker has one yet.
        guard spec.scenario != .server else {
            throw RunnerError.unsupported(
                "external engine '\(engine.name)' runs the single-stream and offline scenarios only; "
                    + "task '\(plannedCase.task.name)' uses the server scenario")
        }
        guard let model = benchmark.model(named: plannedCase.task.model) else {
            throw RunnerError.unsupported("model '\(plannedCase.task.model)' is not defined")
        }
        let command = try ExternalCommand.resolve(worker, engine: engine.name)
        let dataset = try dataset(for: plannedCase, context: &context)
        let handOff = try context.externalHandOff()
        let policy = benchmark.repetition
        let metrics = benchmark.metrics(for: plannedCase.task)
        let files = ExternalWorkload.Files(
            weights: try handOff.weightsFile(for: model, dataset: dataset, protocolSeed: benchmark.seed),
            data: try handOff.dataFile(for: dataset, named: plannedCase.task.dataset), batches: nil)
        let workload = ExternalWorkload(
            engine: engine.name, options: worker.options, taskKind: plannedCase.task.kind.rawValue,
            model: ExternalWorkload.Model(model.architecture), inputShape: dataset.test.exampleShape,
            classes: dataset.test.classes, optimizer: nil, batchSize: plannedCase.batchSize,
            warmupSteps: policy.warmupSteps, measuredSteps: spec.iterations, totalSteps: policy.warmupSteps + spec.iterations,
            threads: plannedCase.machine.threads, metrics: metrics.map(\.rawValue), agreementSteps: 0, files: files,
            scenario: spec.scenario.rawValue, minDurationSeconds: spec.minDurationSeconds)
        var request = WorkerMessage.run(protocolText: context.protocolText, protocolPath: context.protocolPath,
                                        identity: plannedCase.identity, trial: trial,
                                        timeoutSeconds: policy.caseTimeoutSeconds)
        request.external = workload
        let outcome = try WorkerProcess(command: command, guardCommand: workerGuard).runTrial(request: request, timeoutSeconds: policy.caseTimeoutSeconds,
                                                                    onProgress: onProgress)
        return Self.addingPeakRSS(outcome, wanted: metrics.contains(.peakRSSBytes))
    }
}
