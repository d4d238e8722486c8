import Datasets
import Foundation
import Measurement
import ProtocolModel
import ResultStore
import TensorCore

/// Executes a protocol: plans its cases, runs every trial round across all cases (so drift is spread over all
/// engines rather than concentrated on the last), and commits each trial as it finishes. A failing case is
/// recorded with its reason and the run goes on.
public final class BenchmarkRunner {
    public struct Outcome: Sendable {
        public var runID: Int64
        public var status: RunStatus
    }

    let store: ResultStore
    let observer: (RunEvent) -> Void

    public init(store: ResultStore, observer: @escaping (RunEvent) -> Void = { _ in }) {
        self.store = store
        self.observer = observer
    }

    public func run(_ benchmark: BenchmarkProtocol, protocolPath: String, protocolText: String) throws -> Outcome {
        let fingerprints = Dictionary(uniqueKeysWithValues: benchmark.machines.map {
            ($0.name, EnvironmentFingerprint.collect(threads: $0.threads))
        })
        let runID = try store.beginRun(protocolName: benchmark.name, protocolPath: protocolPath, protocolText: protocolText,
                                       startedAt: Date(), dlbenchCommit: fingerprints.values.first?.gitCommit)
        var machineIDs: [String: Int64] = [:]
        for machine in benchmark.machines {
            if let fingerprint = fingerprints[machine.name] {
                machineIDs[machine.name] = try store.recordMachine(runID: runID, name: machine.name, fingerprint: fingerprint)
            }
        }
        let planned = CasePlanner.plan(benchmark)
        var caseIDs: [Int64] = []
        for plannedCase in planned {
            caseIDs.append(try store.addCase(NewCase(
                runID: runID, machineID: machineIDs[plannedCase.machine.name] ?? 0, task: plannedCase.task.name,
                taskKind: plannedCase.task.kind.rawValue, engine: plannedCase.engine.name,
                engineKind: plannedCase.engine.kind.rawValue, model: plannedCase.task.model,
                dataset: plannedCase.task.dataset, batchSize: plannedCase.batchSize,
                configJSON: CaseConfiguration.json(plannedCase))))
        }
        observer(.started(runID: runID, cases: planned.count, trials: benchmark.repetition.trials))

        var datasets: [String: LabeledDataset] = [:]
        var failed = Set<Int>()
        var status = RunStatus.completed
        let trials = benchmark.repetition.trials
        rounds: for trial in 0..<trials {
            for (index, plannedCase) in planned.enumerated() where !failed.contains(index) {
                if trial == 0 { try store.markCaseRunning(caseID: caseIDs[index]) }
                do {
                    let dataset = try datasetFor(plannedCase, in: benchmark, cache: &datasets)
                    let startedAt = Date()
                    let samples = try TrialExecutor(benchmark: benchmark, plannedCase: plannedCase, dataset: dataset,
                                                    trialIndex: trial).run()
                    try store.recordTrial(caseID: caseIDs[index], index: trial, startedAt: startedAt, endedAt: Date(),
                                          samples: samples)
                    observer(.trialFinished(plannedCase, trial: trial + 1, of: trials, headline: Self.headline(samples)))
                } catch RunnerError.interrupted {
                    try store.finishCase(caseID: caseIDs[index], status: .failed, message: RunnerError.interrupted.description)
                    failed.insert(index)
                    status = .interrupted
                    break rounds
                } catch let RunnerError.unsupported(reason) {
                    failed.insert(index)
                    try store.finishCase(caseID: caseIDs[index], status: .skipped, message: reason)
                    observer(.caseSkipped(plannedCase, reason: reason))
                } catch {
                    failed.insert(index)
                    let message = "trial \(trial + 1): \(error)"
                    try store.finishCase(caseID: caseIDs[index], status: .failed, message: message)
                    observer(.caseFailed(plannedCase, message: message))
                }
                BufferPool.shared.trim()
            }
        }
        for index in planned.indices where !failed.contains(index) {
            let finishedAll = status == .completed
            try store.finishCase(caseID: caseIDs[index], status: finishedAll ? .succeeded : .failed,
                                 message: finishedAll ? nil : "run interrupted before all trials finished")
        }
        try store.finishRun(runID: runID, status: status, endedAt: Date())
        observer(.finished(runID: runID, status: status.rawValue))
        return Outcome(runID: runID, status: status)
    }

    private func datasetFor(_ plannedCase: PlannedCase, in benchmark: BenchmarkProtocol,
                            cache: inout [String: LabeledDataset]) throws -> LabeledDataset {
        if let cached = cache[plannedCase.task.dataset] { return cached }
        guard let spec = benchmark.dataset(named: plannedCase.task.dataset) else {
            throw RunnerError.unsupported("dataset '\(plannedCase.task.dataset)' is not defined")
        }
        let dataset = WorkloadFactory.dataset(spec, protocolSeed: benchmark.seed)
        cache[spec.name] = dataset
        return dataset
    }

    /// A one-line summary of a trial for progress output: the median of its first repeated metric.
    static func headline(_ samples: [MetricSample]) -> String {
        guard let first = samples.first else { return "no samples" }
        let values = samples.filter { $0.metric == first.metric }.map(\.value).sorted()
        let median = values[values.count / 2]
        return "\(first.metric) median \(String(format: "%.4g", median)) \(first.unit) (n=\(values.count))"
    }
}
