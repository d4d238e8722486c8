import Datasets
import Foundation
import Measurement
import ProtocolModel
import ResultStore
import TensorCore
import TrialExecution

/// Executes a protocol: plans its cases, runs trial rounds in which every unsettled case runs once in a
/// seeded random order (so drift is spread over all engines rather than concentrated on the last), and
/// commits each trial as it finishes. Each trial runs in a worker process when `isolation` says so; a
/// failing, crashing, hanging or killed case is recorded with its reason and the run goes on.
public final class BenchmarkRunner {
    public struct Outcome: Sendable {
        public var runID: Int64
        public var status: RunStatus
        /// Noise warnings of the run, also stored with it.
        public var warnings: [String] = []
        public var stoppingReason: String = ""
    }

    let store: ResultStore
    let observer: (RunEvent) -> Void
    let isolation: CaseIsolation
    /// The worker of a second dlbench build for an interleaved A/B run: every case runs once per build per round,
    /// into a baseline run and this build's run, recorded as a `RunPair`. Nil: this build only.
    let baselineWorker: WorkerCommand?
    /// `dlbench worker-guard --`: every worker starts under it, so workers and their children die with the run
    /// (see `WorkerGuard`). Nil: workers start directly (tests with fake workers).
    public var workerGuard: WorkerCommand?
    /// What the protocol's output files (`exportWeights`) may replace; checked before anything runs.
    let outputPermissions: OutputPermissions
    /// Run only this shard of the protocol's cases (`--shard I/N`); nil: every case.
    public var shard: RunShard?
    /// The logical run this run belongs to (`--group`): the shards of one protocol run share it.
    public var group: String?

    public init(store: ResultStore, isolation: CaseIsolation = .inProcess, baselineWorker: WorkerCommand? = nil,
                outputPermissions: OutputPermissions = OutputPermissions(),
                observer: @escaping (RunEvent) -> Void = { _ in }) {
        self.store = store
        self.isolation = isolation
        self.baselineWorker = baselineWorker
        self.outputPermissions = outputPermissions
        self.observer = observer
    }

    /// Throws `OutputFileError` before the run is recorded when an output path breaks `outputPermissions`.
    public func run(_ benchmark: BenchmarkProtocol, protocolPath: String, protocolText: String) throws -> Outcome {
        try checkOutputs(of: benchmark, protocolPath: protocolPath)
        let fingerprints = Dictionary(uniqueKeysWithValues: benchmark.machines.map {
            ($0.name, EnvironmentFingerprint.collect(threads: $0.threads))
        })
        let planned = plannedCases(benchmark)
        let baselineStart = Date()
        let baselineRun = try baselineWorker.map { worker -> BaselineRun in
            let (runID, caseIDs) = try recordRun(benchmark, planned: planned, fingerprints: fingerprints,
                                                 protocolPath: protocolPath, protocolText: protocolText, commit: nil,
                                                 startedAt: baselineStart)
            return BaselineRun(runID: runID, caseIDs: caseIDs, worker: worker)
        }
        // A run is known by protocol, start time and machines (`merge`): the pair's two runs start 1 ms apart at least.
        let start = baselineRun == nil ? Date() : max(Date(), baselineStart.addingTimeInterval(0.001))
        let (runID, caseIDs) = try recordRun(benchmark, planned: planned, fingerprints: fingerprints,
                                             protocolPath: protocolPath, protocolText: protocolText,
                                             commit: fingerprints.values.first?.gitCommit, startedAt: start)
        if let baselineRun {
            try store.recordPair(RunPair(baselineRunID: baselineRun.runID, candidateRunID: runID,
                                         baselineBinary: baselineRun.worker.executable))
        }
        let overhead = HarnessOverhead.measure().median
        var context = RunContext(runID: runID, benchmark: benchmark, protocolPath: protocolPath, protocolText: protocolText,
                                 planned: planned, caseIDs: caseIDs)
        context.baseline = baselineRun
        for warning in environmentWarnings(fingerprints.values.first) { try emit(warning, caseID: nil, in: &context) }
        try store.recordMeasurement(runID: runID, RunMeasurement(
            orderSeed: context.orderSeed, harnessOverheadNanoseconds: overhead, isolation: isolation.label))
        observer(.started(runID: runID, cases: planned.count, plannedTrials: planned.count * benchmark.repetition.maxTrials))

        defer { context.handOff?.remove() }
        try runRounds(&context)

        let finishedAll = context.status == .completed
        for index in planned.indices where !context.failed.contains(index) {
            for caseID in [caseIDs[index]] + (baselineRun.map { [$0.caseIDs[index]] } ?? []) {
                try store.finishCase(caseID: caseID, status: finishedAll ? .succeeded : .failed,
                                     message: finishedAll ? nil : "run interrupted before all trials finished")
            }
        }
        if let baselineRun {
            // A case that failed on one build: the other build's case is closed too, with the reason.
            for index in context.failed.sorted() {
                for caseID in [caseIDs[index], baselineRun.caseIDs[index]] {
                    try store.finishCaseIfOpen(caseID: caseID, status: .failed,
                                               message: "the other build's trial of this case failed")
                }
            }
            try store.recordMeasurement(runID: baselineRun.runID, RunMeasurement(
                orderSeed: context.orderSeed, harnessOverheadNanoseconds: overhead,
                isolation: "process (baseline build \(baselineRun.worker.executable))",
                stoppingReason: context.stoppingReason))
            try store.finishRun(runID: baselineRun.runID, status: context.status, endedAt: Date())
        }
        for warning in try resultWarnings(context, overheadNanoseconds: overhead) {
            try emit(warning.warning, caseID: warning.caseID, in: &context)
        }
        try store.recordMeasurement(runID: runID, RunMeasurement(
            orderSeed: context.orderSeed, harnessOverheadNanoseconds: overhead, isolation: isolation.label,
            stoppingReason: context.stoppingReason))
        try store.finishRun(runID: runID, status: context.status, endedAt: Date())
        observer(.finished(runID: runID, status: context.status.rawValue))
        return Outcome(runID: runID, status: context.status, warnings: context.warnings,
                       stoppingReason: context.stoppingReason)
    }

    /// The protocol's cases, or this shard's of them, in plan order.
    public func plannedCases(_ benchmark: BenchmarkProtocol) -> [PlannedCase] {
        let all = CasePlanner.plan(benchmark)
        guard let shard else { return all }
        return shard.select(all).map { all[$0] }
    }

    /// Begins a run with its machines and planned cases; returns the run id and the case ids in plan order.
    private func recordRun(_ benchmark: BenchmarkProtocol, planned: [PlannedCase],
                           fingerprints: [String: EnvironmentFingerprint], protocolPath: String, protocolText: String,
                           commit: String?, startedAt: Date) throws -> (Int64, [Int64]) {
        let runID = try store.beginRun(protocolName: benchmark.name, protocolPath: protocolPath, protocolText: protocolText,
                                       startedAt: startedAt, dlbenchCommit: commit, group: group,
                                       shard: shard?.description)
        var machineIDs: [String: Int64] = [:]
        for machine in benchmark.machines {
            if let fingerprint = fingerprints[machine.name] {
                machineIDs[machine.name] = try store.recordMachine(runID: runID, name: machine.name, fingerprint: fingerprint)
            }
        }
        var caseIDs: [Int64] = []
        for plannedCase in planned {
            caseIDs.append(try store.addCase(NewCase(
                runID: runID, machineID: machineIDs[plannedCase.machine.name] ?? 0, task: plannedCase.task.name,
                taskKind: plannedCase.task.kind.rawValue, engine: plannedCase.engine.name,
                engineKind: plannedCase.engine.kind.rawValue, model: plannedCase.task.model,
                dataset: plannedCase.task.dataset, batchSize: plannedCase.batchSize,
                configJSON: CaseConfiguration.json(plannedCase))))
        }
        return (runID, caseIDs)
    }

    func emit(_ warning: NoiseWarning, caseID: Int64?, in context: inout RunContext) throws {
        try store.recordWarning(runID: context.runID, StoredWarning(caseID: caseID, kind: warning.kind.rawValue,
                                                                    message: warning.message))
        context.warnings.append(warning.message)
        observer(.warning(warning.message))
    }

    /// A one-line summary of a trial for progress output: the median of its primary metric.
    static func headline(_ samples: [MetricSample], primary: Metric) -> String {
        let chosen = samples.contains { $0.metric == primary.rawValue } ? primary.rawValue : samples.first?.metric
        guard let chosen, let first = samples.first(where: { $0.metric == chosen }) else { return "no samples" }
        let values = samples.filter { $0.metric == chosen }.map(\.value).sorted()
        let median = SampleSummary.percentile(50, ofSorted: values)
        return "\(chosen) median \(String(format: "%.4g", median)) \(first.unit) (n=\(values.count))"
    }
}

/// The mutable state of one run while its rounds execute.
struct RunContext {
    let runID: Int64
    let benchmark: BenchmarkProtocol
    let protocolPath: String
    let protocolText: String
    let planned: [PlannedCase]
    let caseIDs: [Int64]
    var failed = Set<Int>()
    var settled = Set<Int>()
    /// Per case, the primary metric's samples of each finished trial (this build; the baseline build apart).
    var primaryTrials: [Int: [TrialSamples]] = [:]
    var baselinePrimaryTrials: [Int: [TrialSamples]] = [:]
    /// Per case, wall-clock seconds its trials took (both builds), for `maxSecondsPerCase`.
    var secondsUsed: [Int: Double] = [:]
    /// The baseline build's run of an interleaved A/B run.
    var baseline: BaselineRun?
    /// Cases whose trial remarks were already reported (once per case, not per trial).
    var remarked = Set<Int>()
    var datasets: [String: LabeledDataset] = [:]
    /// Files for external engines' workers (created on first use, removed when the run ends).
    var handOff: ExternalHandOff?
    var status = RunStatus.completed
    var warnings: [String] = []
    var stoppingReason = ""

    init(runID: Int64, benchmark: BenchmarkProtocol, protocolPath: String, protocolText: String,
         planned: [PlannedCase], caseIDs: [Int64]) {
        self.runID = runID
        self.benchmark = benchmark
        self.protocolPath = protocolPath
        self.protocolText = protocolText
        self.planned = planned
        self.caseIDs = caseIDs
    }

    /// The seed of the interleaved order: the protocol seed.
    var orderSeed: UInt64 { benchmark.seed }
}

/// The baseline build's side of an interleaved A/B run: its run, its case ids (in plan order) and its worker.
struct BaselineRun {
    let runID: Int64
    let caseIDs: [Int64]
    let worker: WorkerCommand
}
