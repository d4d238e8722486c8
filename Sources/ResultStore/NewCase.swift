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
