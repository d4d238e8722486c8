import Foundation
import Measurement

/// Lifecycle of a run. A run left `running` in the file was killed before it could finish;
/// its finished trials are still valid.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case running, completed, interrupted, failed
}

/// Lifecycle of one case (machine × task × engine).
public enum CaseStatus: String, Sendable, Codable, CaseIterable {
    case pending, running, succeeded, failed, skipped
}

/// One measured value as the runner hands it over; the store assigns sequence numbers.
public struct MetricSample: Sendable, Equatable {
    /// Metric name, e.g. "step_time" (a `Metric` raw value of ProtocolModel).
    public var metric: String
    public var unit: String
    public var value: Double

    public init(metric: String, unit: String, value: Double) {
        self.metric = metric
        self.unit = unit
        self.value = value
    }
}

/// A case to be stored before it runs, so a crash still leaves a trace of what was planned.
public struct NewCase: Sendable, Equatable {
    public var runID: Int64
    public var machineID: Int64
    public var task: String
    public var taskKind: String
    public var engine: String
    public var engineKind: String
    public var model: String
    public var dataset: String
    public var batchSize: Int?
    /// The resolved engine/task configuration, as JSON, for reproducing the case.
    public var configJSON: String

    public init(runID: Int64, machineID: Int64, task: String, taskKind: String, engine: String,
                engineKind: String, model: String, dataset: String, batchSize: Int?, configJSON: String) {
        self.runID = runID
        self.machineID = machineID
        self.task = task
        self.taskKind = taskKind
        self.engine = engine
        self.engineKind = engineKind
        self.model = model
        self.dataset = dataset
        self.batchSize = batchSize
        self.configJSON = configJSON
    }
}

/// How many cases of a run ended in each status.
public struct CaseCounts: Sendable, Equatable {
    public var pending = 0
    public var running = 0
    public var succeeded = 0
    public var failed = 0
    public var skipped = 0

    public init() {}

    public var total: Int { pending + running + succeeded + failed + skipped }

    public subscript(status: CaseStatus) -> Int {
        get {
            switch status {
            case .pending: return pending
            case .running: return running
            case .succeeded: return succeeded
            case .failed: return failed
            case .skipped: return skipped
            }
        }
        set {
            switch status {
            case .pending: pending = newValue
            case .running: running = newValue
            case .succeeded: succeeded = newValue
            case .failed: failed = newValue
            case .skipped: skipped = newValue
            }
        }
    }
}

/// A stored run with its protocol and case tally.
public struct RunRecord: Sendable, Equatable {
    public var id: Int64
    public var protocolName: String
    public var protocolPath: String
    public var protocolText: String
    /// SHA-256 (hex) of `protocolText`; runs of the same protocol share it.
    public var protocolHash: String
    public var startedAt: Date
    public var endedAt: Date?
    public var status: RunStatus
    public var dlbenchCommit: String?
    public var caseCounts: CaseCounts

    public init(id: Int64, protocolName: String, protocolPath: String, protocolText: String, protocolHash: String,
                startedAt: Date, endedAt: Date?, status: RunStatus, dlbenchCommit: String?, caseCounts: CaseCounts) {
        self.id = id
        self.protocolName = protocolName
        self.protocolPath = protocolPath
        self.protocolText = protocolText
        self.protocolHash = protocolHash
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.dlbenchCommit = dlbenchCommit
        self.caseCounts = caseCounts
    }
}

/// A machine as recorded for one run.
public struct MachineRecord: Sendable, Equatable {
    public var id: Int64
    public var runID: Int64
    /// The machine name from the protocol (a hardware setting, e.g. "cpu-4-threads").
    public var name: String
    public var identityHash: String
    public var fingerprint: EnvironmentFingerprint

    public init(id: Int64, runID: Int64, name: String, identityHash: String, fingerprint: EnvironmentFingerprint) {
        self.id = id
        self.runID = runID
        self.name = name
        self.identityHash = identityHash
        self.fingerprint = fingerprint
    }
}

/// All samples of one metric within a case, in trial order then sequence order.
public struct MetricSeries: Sendable, Equatable {
    public var metric: String
    public var unit: String
    public var values: [Double]
    /// The trial (round) index of each value: the trial, not the step, is the unit of replication.
    public var trials: [Int]

    public init(metric: String, unit: String, values: [Double], trials: [Int]? = nil) {
        self.metric = metric
        self.unit = unit
        self.values = values
        self.trials = trials ?? [Int](repeating: 0, count: values.count)
    }
}

/// A case with its machine, outcome and raw samples, as reports need it.
public struct CaseResult: Sendable, Equatable {
    public var id: Int64
    public var runID: Int64
    public var machine: MachineRecord
    public var task: String
    public var taskKind: String
    public var engine: String
    public var engineKind: String
    public var model: String
    public var dataset: String
    public var batchSize: Int?
    public var status: CaseStatus
    public var message: String?
    public var configJSON: String
    /// Number of trials stored for the case.
    public var trialCount: Int
    /// One series per metric, in the order the metrics were first recorded.
    public var series: [MetricSeries]

    public init(id: Int64, runID: Int64, machine: MachineRecord, task: String, taskKind: String, engine: String,
                engineKind: String, model: String, dataset: String, batchSize: Int?, status: CaseStatus,
                message: String?, configJSON: String, trialCount: Int, series: [MetricSeries]) {
        self.id = id
        self.runID = runID
        self.machine = machine
        self.task = task
        self.taskKind = taskKind
        self.engine = engine
        self.engineKind = engineKind
        self.model = model
        self.dataset = dataset
        self.batchSize = batchSize
        self.status = status
        self.message = message
        self.configJSON = configJSON
        self.trialCount = trialCount
        self.series = series
    }
}
