/// Which rows a report shows: `--task`, `--engine`, `--machine`, `--metric` (each repeatable; empty
/// means all). Applied after summarising, so a filter never changes a statistic.
public struct ReportFilter: Sendable, Equatable {
    public var tasks: [String]
    public var engines: [String]
    public var machines: [String]
    public var metrics: [String]

    public init(tasks: [String] = [], engines: [String] = [], machines: [String] = [], metrics: [String] = []) {
        self.tasks = tasks
        self.engines = engines
        self.machines = machines
        self.metrics = metrics
    }

    /// Whether a case passes the task, engine and machine lists (for views of cases rather than metric rows).
    public func includesCase(task: String, engine: String, machine: String) -> Bool {
        (tasks.isEmpty || tasks.contains(task)) && (engines.isEmpty || engines.contains(engine))
            && (machines.isEmpty || machines.contains(machine))
    }

    /// Keeps rows matching every non-empty list; a case without numbers is kept unless a metric filter
    /// is set (so a failed case still shows up in a filtered report).
    public func apply(_ rows: [ReportRow]) -> [ReportRow] {
        rows.filter { row in
            (tasks.isEmpty || tasks.contains(row.task)) && (engines.isEmpty || engines.contains(row.engine))
                && (machines.isEmpty || machines.contains(row.machine))
                && (metrics.isEmpty || metrics.contains(row.metric))
        }
    }
}
