import ProtocolModel

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
