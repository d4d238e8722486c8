import Datasets
import Foundation
import Measurement
import ProtocolModel
import ResultStore
import TensorCore

/// The round loop: which cases run in a round and in what order, how one trial executes (worker or
/// in-process), and how each ending is recorded.
extension BenchmarkRunner {
    func runRounds(_ context: inout RunContext) throws {
        let policy = context.benchmark.repetition
        let rule = StoppingRule(policy: policy, seed: context.orderSeed)
        let start = MonotonicClock.now()
        context.stoppingReason = "max trials (\(policy.maxTrials)) reached"
        rounds: for round in 0..<policy.maxTrials {
            let active = context.planned.indices.filter { !context.failed.contains($0) && !context.settled.contains($0) }
            guard !active.isEmpty else {
                context.stoppingReason = policy.targetRelativeCIWidth.map {
                    "every case settled (95% CI of the median within \($0 * 100)%) or failed"
                } ?? "every case finished"
                break
            }
            if round >= policy.minTrials, let limit = policy.maxDurationSeconds,
               Double(MonotonicClock.now() - start) / 1e9 >= limit {
                context.stoppingReason = "max duration (\(limit) s) reached after \(round) rounds"
                break
            }
            let order = TrialOrder.round(round, of: active, seed: context.orderSeed)
            try store.recordTrialOrder(runID: context.runID, round: round, caseIDs: order.map { context.caseIDs[$0] })
            for index in order {
                let plannedCase = context.planned[index]
                let caseID = context.caseIDs[index]
                if round == 0 { try store.markCaseRunning(caseID: caseID) }
                observer(.trialStarted(plannedCase, round: round + 1, maxRounds: policy.maxTrials))
                do {
                    let startedAt = Date()
                    let result = try executeTrial(plannedCase, trial: round, context: &context)
                    let samples = result.samples
                    try store.recordTrial(caseID: caseID, index: round, startedAt: startedAt, endedAt: Date(), samples: samples,
                                          kernelTimes: result.kernelTimes)
                    let primary = StoppingRule.primaryMetric(of: plannedCase)
                    context.primarySamples[index, default: []] += samples.filter { $0.metric == primary.rawValue }.map(\.value)
                    context.trialsDone[index, default: 0] += 1
                    if rule.isSettled(trials: context.trialsDone[index] ?? 0, primarySamples: context.primarySamples[index] ?? []) {
                        context.settled.insert(index)
                    }
                    observer(.trialFinished(plannedCase, trial: round + 1, of: policy.maxTrials,
                                            headline: Self.headline(samples, primary: primary)))
                } catch RunnerError.interrupted {
                    try store.finishCase(caseID: caseID, status: .failed, message: RunnerError.interrupted.description)
                    context.failed.insert(index)
                    context.status = .interrupted
                    context.stoppingReason = "interrupted"
                    break rounds
                } catch let RunnerError.unsupported(reason) {
                    context.failed.insert(index)
                    try store.finishCase(caseID: caseID, status: .skipped, message: reason)
                    observer(.caseSkipped(plannedCase, reason: reason))
                } catch {
                    context.failed.insert(index)
                    let kind = (error as? RunnerError)?.kind ?? "failed"
                    let message = "trial \(round + 1): \(kind): \(error)"
                    try store.finishCase(caseID: caseID, status: .failed, message: message)
                    observer(.caseFailed(plannedCase, message: message))
                }
                BufferPool.shared.trim()
            }
        }
    }

    private func executeTrial(_ plannedCase: PlannedCase, trial: Int, context: inout RunContext) throws -> TrialResult {
        let benchmark = context.benchmark
        let timeout = benchmark.repetition.caseTimeoutSeconds
        let report = { [observer] (progress: TrialProgress) in observer(.trialProgress(plannedCase, progress)) }
        if plannedCase.engine.kind.isExternal {
            // External engines cannot be asked to profile kernels (the protocol refuses it), so samples only.
            return TrialResult(samples: try executeExternalTrial(plannedCase, trial: trial, context: &context,
                                                                 onProgress: report))
        }
        switch isolation {
        case .inProcess:
            let dataset = try dataset(for: plannedCase, context: &context)
            var executor = TrialExecutor(benchmark: benchmark, plannedCase: plannedCase, dataset: dataset, trialIndex: trial)
            executor.deadline = MonotonicClock.now() &+ UInt64(timeout * 1e9)
            executor.progress = report
            return try executor.run()
        case let .worker(command):
            let request = WorkerMessage.run(protocolText: context.protocolText, protocolPath: context.protocolPath,
                                            identity: plannedCase.identity, trial: trial, timeoutSeconds: timeout)
            let outcome = try WorkerProcess(command: command).runTrial(request: request, timeoutSeconds: timeout,
                                                                        onProgress: report)
            return TrialResult(samples: Self.addingPeakRSS(outcome, wanted: benchmark.metrics(for: plannedCase.task)
                                                                .contains(.peakRSSBytes)),
                               kernelTimes: outcome.kernelTimes)
        }
    }

    func dataset(for plannedCase: PlannedCase, context: inout RunContext) throws -> LabeledDataset {
        if let cached = context.datasets[plannedCase.task.dataset] { return cached }
        let dataset = try Self.makeDataset(for: plannedCase, in: context.benchmark)
        context.datasets[plannedCase.task.dataset] = dataset
        return dataset
    }
}
