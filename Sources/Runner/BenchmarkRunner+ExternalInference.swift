import Foundation
import Measurement
import ProtocolModel
import ResultStore
import TrialExecution

/// An infer trial of an `external` engine: the same worker supervision as training, the same weights and
/// data files, and the same metrics as in-repo engines (`latency` per query in ms, `latency_p90`/`latency_p99`
/// per trial, `samples_per_second`, `peak_rss_bytes`), and an agreement check on the logits of the first query
/// batches against eager's forward pass (`deviation_from_eager`).
extension BenchmarkRunner {
    func executeExternalInferenceTrial(_ plannedCase: PlannedCase, spec: InferSpec, worker: ExternalWorkerSpec, trial: Int,
                                       context: inout RunContext,
                                       onProgress: (TrialProgress) -> Void) throws -> TrialResult {
        let benchmark = context.benchmark
        let engine = plannedCase.engine
        guard let model = benchmark.model(named: plannedCase.task.model) else {
            throw RunnerError.unsupported("model '\(plannedCase.task.model)' is not defined")
        }
        let command = try ExternalCommand.resolve(worker, engine: engine.name)
        let dataset = try dataset(for: plannedCase, context: &context)
        let handOff = try context.externalHandOff()
        let policy = benchmark.repetition
        let metrics = benchmark.metrics(for: plannedCase.task)
        let agreementQueries = ExternalHandOff.agreementQueries(steps: benchmark.agreement.steps,
                                                                testExamples: dataset.test.count,
                                                                batchSize: plannedCase.batchSize)
        let files = ExternalWorkload.Files(
            weights: try handOff.weightsFile(for: model, dataset: dataset, protocolSeed: benchmark.seed),
            data: try handOff.dataFile(for: dataset, named: plannedCase.task.dataset), batches: nil)
        var workload = ExternalWorkload(
            engine: engine.name, options: worker.options, taskKind: plannedCase.task.kind.rawValue,
            model: ExternalWorkload.Model(model.architecture), inputShape: dataset.test.exampleShape,
            classes: dataset.test.classes, optimizer: nil, batchSize: plannedCase.batchSize,
            warmupSteps: policy.warmupSteps, measuredSteps: spec.iterations, totalSteps: policy.warmupSteps + spec.iterations,
            threads: plannedCase.machine.threads, metrics: metrics.map(\.rawValue), agreementSteps: agreementQueries, files: files,
            scenario: spec.scenario.rawValue, minDurationSeconds: spec.minDurationSeconds)
        if spec.scenario == .server {
            guard let settings = spec.server else {
                throw RunnerError.unsupported("server scenario of task '\(plannedCase.task.name)' has no targetRate/latencyBoundMs")
            }
            // The same arrivals dlbench's own engines face in this trial; the worker queues and times them.
            workload.server = ExternalServerSchedule.server(
                benchmark: benchmark, plannedCase: plannedCase, trialIndex: trial, spec: spec, settings: settings,
                wantsRateSearch: metrics.contains(.maxRateWithinBound))
        }
        var request = WorkerMessage.run(protocolText: context.protocolText, protocolPath: context.protocolPath,
                                        identity: plannedCase.identity, trial: trial,
                                        timeoutSeconds: policy.caseTimeoutSeconds)
        request.external = workload
        let outcome = try WorkerProcess(command: command, guardCommand: workerGuard).runTrial(request: request, timeoutSeconds: policy.caseTimeoutSeconds,
                                                                    onProgress: onProgress)
        let reference = try handOff.eagerLogits(plannedCase, model: model, dataset: dataset, queries: agreementQueries,
                                                protocolSeed: benchmark.seed)
        let samples = Self.addingPeakRSS(outcome, wanted: metrics.contains(.peakRSSBytes))
            + (try AgreementCheck.logitSamples(outcome.logits ?? [], reference: reference, engine: engine.name,
                                               policy: benchmark.agreement, rows: plannedCase.batchSize, metrics: Set(metrics)))
        return TrialResult(samples: samples, remarks: outcome.remarks)
    }
}
