/// What makes two report rows "the same measurement" across runs or databases: task, engine,
/// machine name, batch size and metric.
///
/// Case and run ids differ between databases, so comparisons match on names; the machine's
/// environment identity is checked separately (`ComparisonRow.sameEnvironment`) so a cross-machine
/// comparison is allowed but never silent.
public struct CaseMatchKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var task: String
    public var engine: String
    public var machine: String
    public var batchSize: Int?
    public var metric: String

    public init(task: String, engine: String, machine: String, batchSize: Int?, metric: String) {
        self.task = task
        self.engine = engine
        self.machine = machine
        self.batchSize = batchSize
        self.metric = metric
    }

    public init(_ row: ReportRow) {
        self.init(task: row.task, engine: row.engine, machine: row.machine, batchSize: row.batchSize, metric: row.metric)
    }

    /// "task/engine/machine/metric", with "/b64" before the metric for inference batch sizes; also the
    /// benchmark name in exports.
    public var caseName: String {
        var parts = [task, engine, machine]
        if let batchSize { parts.append("b\(batchSize)") }
        return parts.joined(separator: "/")
    }

    public var description: String { caseName + " " + metric }

    public static func < (left: CaseMatchKey, right: CaseMatchKey) -> Bool {
        (left.task, left.engine, left.machine, left.batchSize ?? -1, left.metric)
            < (right.task, right.engine, right.machine, right.batchSize ?? -1, right.metric)
    }
}
