/// A whole benchmark protocol: what to run, where, and what to measure.
///
/// The typed form of a protocol JSON file (see `ProtocolLoader`). Values that reach this type
/// have passed every check: names are unique per section and every reference resolves.
public struct BenchmarkProtocol: Sendable, Equatable, Hashable {
    public var name: String
    public var description: String?
    /// Root seed for everything random. JSON default: 42.
    public var seed: UInt64
    public var machines: [MachineSpec]
    public var datasets: [DatasetSpec]
    public var models: [ModelSpec]
    public var engines: [EngineSpec]
    public var tasks: [TaskSpec]
    /// JSON default when the key is absent: `Metric.allCases`.
    public var metrics: [Metric]
    public var repetition: RepetitionPolicy
    /// Relations between engines that `dlbench check` verifies within a run. JSON default: none.
    public var expectations: [PerformanceExpectation]
    /// How closely engines must reproduce eager's first losses (`deviation_from_eager`). JSON default: 10 steps, 1e-3.
    public var agreement: AgreementPolicy
    /// The engine the headline compares every other engine with (`baseline` key, a name from `engines`); nil when the
    /// key is absent, which means the first engine (`baselineEngine`).
    public var baseline: String?

    public static let defaultSeed: UInt64 = 42

    public init(
        name: String, description: String? = nil, seed: UInt64 = BenchmarkProtocol.defaultSeed,
        machines: [MachineSpec], datasets: [DatasetSpec], models: [ModelSpec], engines: [EngineSpec],
        tasks: [TaskSpec], metrics: [Metric] = Metric.allCases, repetition: RepetitionPolicy = RepetitionPolicy(),
        expectations: [PerformanceExpectation] = [], agreement: AgreementPolicy = AgreementPolicy(), baseline: String? = nil
    ) {
        self.name = name
        self.description = description
        self.seed = seed
        self.machines = machines
        self.datasets = datasets
        self.models = models
        self.engines = engines
        self.tasks = tasks
        self.metrics = metrics
        self.repetition = repetition
        self.expectations = expectations
        self.agreement = agreement
        self.baseline = baseline
    }

    /// The engine speedups are reported against: `baseline`, else the first engine.
    public var baselineEngine: String? { baseline ?? engines.first?.name }

    public func dataset(named name: String) -> DatasetSpec? { datasets.first { $0.name == name } }
    public func model(named name: String) -> ModelSpec? { models.first { $0.name == name } }
    public func engine(named name: String) -> EngineSpec? { engines.first { $0.name == name } }
    public func machine(named name: String) -> MachineSpec? { machines.first { $0.name == name } }
    public func task(named name: String) -> TaskSpec? { tasks.first { $0.name == name } }

    /// The engines a task runs on, in protocol order (all engines when the task names none).
    public func engines(for task: TaskSpec) -> [EngineSpec] {
        guard let selected = task.engines else { return engines }
        return engines.filter { selected.contains($0.name) }
    }

    /// The machines a task runs on, in protocol order (all machines when the task names none).
    public func machines(for task: TaskSpec) -> [MachineSpec] {
        guard let selected = task.machines else { return machines }
        return machines.filter { selected.contains($0.name) }
    }

    /// The requested metrics that this task's kind produces, in protocol order.
    public func metrics(for task: TaskSpec) -> [Metric] {
        metrics.filter { $0.applies(to: task.kind) }
    }
}
