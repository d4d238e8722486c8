import ProtocolModel

/// Names one case of a protocol, so a worker given the protocol text can find the case to run.
public struct CaseIdentity: Codable, Sendable, Equatable, Hashable {
    public var task: String
    public var engine: String
    public var machine: String
    public var batchSize: Int

    public init(task: String, engine: String, machine: String, batchSize: Int) {
        self.task = task
        self.engine = engine
        self.machine = machine
        self.batchSize = batchSize
    }
}

extension PlannedCase {
    public var identity: CaseIdentity {
        CaseIdentity(task: task.name, engine: engine.name, machine: machine.name, batchSize: batchSize)
    }
}

extension CasePlanner {
    /// The planned case of `benchmark` with this identity, or nil.
    public static func find(_ identity: CaseIdentity, in benchmark: BenchmarkProtocol) -> PlannedCase? {
        plan(benchmark).first { $0.identity == identity }
    }
}
