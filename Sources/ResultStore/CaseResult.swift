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
