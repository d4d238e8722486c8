/// One benchmark workload: a model on a dataset, trained or served.
///
/// The runner expands machines × tasks × engines into cases; `engines` and `machines`
/// restrict that matrix for this task.
public struct TaskSpec: Sendable, Equatable, Hashable {
    public var name: String
    /// Name of a model in `BenchmarkProtocol.models`.
    public var model: String
    /// Name of a dataset in `BenchmarkProtocol.datasets`.
    public var dataset: String
    public var workload: TaskWorkload
    /// Subset of engine names; `nil` means all engines.
    public var engines: [String]?
    /// Subset of machine names; `nil` means all machines.
    public var machines: [String]?

    public init(
        name: String, model: String, dataset: String, workload: TaskWorkload,
        engines: [String]? = nil, machines: [String]? = nil
    ) {
        self.name = name
        self.model = model
        self.dataset = dataset
        self.workload = workload
        self.engines = engines
        self.machines = machines
    }

    public var kind: TaskKind { workload.kind }
}
