import Datasets
import Foundation
import Measurement
import ProtocolModel
import ResultStore
import TensorCore
import TrialExecution

/// The round loop: which cases run in a round and in what order, how one trial executes (worker or
/// in-process), and how each ending is recorded. With a baseline build (`BenchmarkRunner.baselineWorker`)
/// every case runs once per build per round, the two in a seeded random order, so drift hits both alike.
extension BenchmarkRunner {
    func runRounds(_ context: inout RunContext) throws {
        let policy = context.benchmark.repetition
        let rule = StoppingRule(policy: policy)
        let start = MonotonicClock.now()
        context.stoppingReason = "max trials (\(policy.maxTrials)) reached"
        rounds: for round in 0..<policy.maxTrials {
            let active = context.planned.indices.filter { !context.failed.contains($0) && !context.settled.contains($0) }
            guard !active.isEmpty else {
                context.stoppingReason = policy.targetRelativeCIWidth.map {
                    "every case settled (trial-level 95% CI within \(String(format: "%g", $0 * 100))%), spent its "
                        + "budget or max trials, or failed"
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
            if let baseline = context.baseline {
                try store.recordTrialOrder(runID: baseline.runID, round: round, caseIDs: order.map { baseline.caseIDs[$0] })
            }
            for index in order {
                let plannedCase = context.planned[index]
                if round == 0 {
                    try store.markCaseRunning(caseID: context.caseIDs[index])
                    if let baseline = context.baseline { try store.markCaseRunning(caseID: baseline.caseIDs[index]) }
                }
                observer(.trialStarted(plannedCase, round: round + 1, maxRounds: policy.maxTrials))
                for side in TrialOrder.sides(round: round, caseIndex: index, seed: context.orderSeed,
                                              paired: context.baseline != nil) {
                    let outcome = try runSide(side, index: index, round: round, context: &context)
                    if outcome == .interrupted { break rounds }
                    if outcome == .stopCase { break }
                }
                guard !context.failed.contains(index) else { continue }
                switch rule.decide(primaryTrials: decisionTrials(index, context: context),
                                   secondsUsed: context.secondsUsed[index] ?? 0) {
                case .continuing: break
                case .settled, .budgetSpent, .maxTrials: context.settled.insert(index)
                }
            }
        }
    }

    enum SideOutcome {
        case recorded, stopCase, interrupted
    }

    /// Runs and records one trial of case `index` for one build; a failure ends the case (both builds).
    private func runSide(_ side: BuildSide, index: Int, round: Int, context: inout RunContext) throws -> SideOutcome {
        let plannedCase = context.planned[index]
        let caseID = side == .current ? context.caseIDs[index] : context.baseline?.caseIDs[index] ?? context.caseIDs[index]
        let label = side == .current ? "" : "baseline build: "
        do {
            let startedAt = Date()
            let clock = MonotonicClock.now()
            let result = try executeTrial(plannedCase, trial: round, side: side, context: &context)
            try store.recordTrial(caseID: caseID, index: round, startedAt: startedAt, endedAt: Date(),
                                  samples: result.samples, kernelTimes: result.kernelTimes)
            context.secondsUsed[index, default: 0] += Double(MonotonicClock.now() - clock) / 1e9
            if !result.remarks.isEmpty && !context.remarked.contains(index) {
                context.remarked.insert(index)  // once per case, not once per trial
                for remark in result.remarks {
                    try emit(NoiseWarning(kind: .measurementLimit, message: "\(plannedCase.label): \(label)\(remark)"),
                             caseID: caseID, in: &context)
                }
            }
            let primary = StoppingRule.primaryMetric(of: plannedCase)
            let values = result.samples.filter { $0.metric == primary.rawValue }.map(\.value)
            if side == .current {
                context.primaryTrials[index, default: []].append(TrialSamples(trial: round, values: values))
            } else {
                context.baselinePrimaryTrials[index, default: []].append(TrialSamples(trial: round, values: values))
            }
            observer(.trialFinished(plannedCase, trial: round + 1, of: context.benchmark.repetition.maxTrials,
                                    headline: label + Self.headline(result.samples, primary: primary)))
            return .recorded
        } catch RunnerError.interrupted {
            try store.finishCase(caseID: caseID, status: .failed, message: RunnerError.interrupted.description)
            context.failed.insert(index)
            context.status = .interrupted
            context.stoppingReason = "interrupted"
            return .interrupted
        } catch let RunnerError.unsupported(reason) {
            context.failed.insert(index)
            try store.finishCase(caseID: caseID, status: .skipped, message: reason)
            observer(.caseSkipped(plannedCase, reason: label + reason))
            return .stopCase
        } catch {
            context.failed.insert(index)
            let kind = (error as? RunnerError)?.kind ?? "failed"
            let message = "trial \(round + 1): \(label)\(kind): \(error)"
            try store.finishCase(caseID: caseID, status: .failed, message: message)
            observer(.caseFailed(plannedCase, message: message))
            return .stopCase
        }
    }

    /// What the stopping rule judges: the case's own trials, or with a baseline build the per-round ratio of
    /// the two builds (as trials of one series whose spread is that of the paired differences).
    private func decisionTrials(_ index: Int, context: RunContext) -> [TrialSamples] {
        let current = context.primaryTrials[index] ?? []
        guard context.baseline != nil else { return current }
        let baseline = context.baselinePrimaryTrials[index] ?? []
        var baselineByRound: [Int: Double] = [:]
        for trial in baseline { baselineByRound[trial.trial] = trial.median }
        return current.compactMap { trial in
            guard let median = trial.median, let base = baselineByRound[trial.trial], base > 0, median > 0 else { return nil }
            return TrialSamples(trial: trial.trial, values: [median / base])
        }
    }

    private func executeTrial(_ plannedCase: PlannedCase, trial: Int, side: BuildSide,
                              context: inout RunContext) throws -> TrialResult {
        let benchmark = context.benchmark
        let timeout = benchmark.repetition.caseTimeoutSeconds
        let report = { [observer] (progress: TrialProgress) in observer(.trialProgress(plannedCase, progress)) }
        if plannedCase.engine.kind.isExternal {
            // External engines cannot be asked to profile kernels (the protocol refuses it): samples and remarks.
            return try executeExternalTrial(plannedCase, trial: trial, context: &context, onProgress: report)
        }
        let workerCommand: WorkerCommand?
        switch (side, isolation) {
        case (.baseline, _): workerCommand = baselineWorker
        case (.current, .inProcess): workerCommand = nil
        case let (.current, .worker(command)): workerCommand = command
        }
        guard let command = workerCommand else {
            let dataset = try dataset(for: plannedCase, context: &context)
            var executor = TrialExecutor(benchmark: benchmark, plannedCase: plannedCase, dataset: dataset, trialIndex: trial)
            executor.deadline = MonotonicClock.deadline(after: timeout)
            executor.progress = report
            return try executor.run()
        }
        let request = WorkerMessage.run(protocolText: context.protocolText, protocolPath: context.protocolPath,
                                        identity: plannedCase.identity, trial: trial, timeoutSeconds: timeout)
        let outcome = try WorkerProcess(command: command, guardCommand: workerGuard).runTrial(request: request, timeoutSeconds: timeout,
                                                                    onProgress: report)
        return TrialResult(samples: Self.addingPeakRSS(outcome, wanted: benchmark.metrics(for: plannedCase.task)
                                                            .contains(.peakRSSBytes)),
                           kernelTimes: outcome.kernelTimes, remarks: outcome.remarks)
    }

    func dataset(for plannedCase: PlannedCase, context: inout RunContext) throws -> LabeledDataset {
        if let cached = context.datasets[plannedCase.task.dataset] { return cached }
        let dataset = try WorkloadFactory.dataset(for: plannedCase, in: context.benchmark)
        context.datasets[plannedCase.task.dataset] = dataset
        return dataset
    }
}

/// Which build a trial runs: this one, or the baseline of an interleaved A/B run.
enum BuildSide: Equatable {
    case current, baseline
}
