import ProtocolModel

/// One cell of the matrix machines × tasks × engines (× batch sizes for inference) that a run measures.
public struct PlannedCase: Sendable, Equatable {
    public var task: TaskSpec
    public var machine: MachineSpec
    public var engine: EngineSpec
    /// The batch size of this case: the training batch, or one of an inference task's batch sizes.
    public var batchSize: Int

    public var label: String { "\(task.name) · \(engine.name) · \(machine.name) · batch \(batchSize)" }
}

/// Expands a protocol into its cases, in protocol order (tasks, then machines, then engines, then batch sizes).
public enum CasePlanner {
    public static func plan(_ benchmark: BenchmarkProtocol) -> [PlannedCase] {
        var cases: [PlannedCase] = []
        for task in benchmark.tasks {
            let batchSizes: [Int]
            switch task.workload {
            case let .train(spec): batchSizes = [spec.batchSize]
            case let .infer(spec): batchSizes = spec.batchSizes
            }
            for machine in benchmark.machines(for: task) {
                for engine in benchmark.engines(for: task) {
                    for batchSize in batchSizes {
                        cases.append(PlannedCase(task: task, machine: machine, engine: engine, batchSize: batchSize))
                    }
                }
            }
        }
        return cases
    }
}
