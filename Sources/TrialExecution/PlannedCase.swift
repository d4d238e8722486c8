import ProtocolModel

/// One cell of the matrix machines × tasks × engines (× batch sizes for inference) that a run measures.
public struct PlannedCase: Sendable, Equatable {
    public var task: TaskSpec
    public var machine: MachineSpec
    public var engine: EngineSpec
    /// The batch size of this case: the training batch, or one of an inference task's batch sizes.
    public var batchSize: Int

    public init(task: TaskSpec, machine: MachineSpec, engine: EngineSpec, batchSize: Int) {
        self.task = task
        self.machine = machine
        self.engine = engine
        self.batchSize = batchSize
    }

    public var label: String { "\(task.name) · \(engine.name) · \(machine.name) · batch \(batchSize)" }
}
