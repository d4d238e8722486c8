/// Decoding of the optional top-level `expectations` array (see `PerformanceExpectation`).
extension ProtocolDecoder {
    static let expectationKeys = [
        "task", "engine", "baseline", "metric", "machine", "batchSize", "atLeastFaster", "atMostSlower",
    ]

    /// Decodes `expectations` (default: none). References are checked against the decoded tasks and the
    /// defined engines and machines; `tasks` is nil when the tasks section itself failed.
    func decodeExpectations(in reader: ObjectReader, tasks: [TaskSpec]?, defined: DefinedNames) -> [PerformanceExpectation]? {
        reader.field("expectations", .defaulted([]), expectation: "an array of expectation objects") { value, path in
            guard let elements = context.array(value, at: path, of: "expectation objects", allowEmpty: true) else { return nil }
            let mark = context.issueCount
            let decoded = elements.compactMap { decodeExpectation($0.value, at: $0.path, tasks: tasks, defined: defined) }
            return context.hasNoIssues(since: mark) ? decoded : nil
        }
    }

    private func decodeExpectation(_ value: JSONValue, at path: JSONPath, tasks: [TaskSpec]?,
                                   defined: DefinedNames) -> PerformanceExpectation? {
        guard let reader = ObjectReader(value, at: path, context: context, expectation: "an expectation object") else {
            return nil
        }
        let mark = context.issueCount
        reader.checkKeys(allowed: ProtocolDecoder.expectationKeys,
                         aliases: ["speedup": "atLeastFaster", "minSpeedup": "atLeastFaster", "maxSlowdown": "atMostSlower"])
        let taskNames = tasks?.map(\.name)
        let task = reference("task", in: reader, noun: "task", section: "tasks", defined: taskNames)
        let engine = reference("engine", in: reader, noun: "engine", section: "engines", defined: defined.engines)
        let baseline = reference("baseline", in: reader, noun: "engine", section: "engines", defined: defined.engines)
        let metric = reader.enumeration("metric", .defaulted(.stepTime), as: Metric.self)
        let machine = reader.field("machine", .optional, expectation: "the name of a machine defined in 'machines'") {
            value, fieldPath -> String? in
            guard let name = context.string(value, at: fieldPath) else { return nil }
            checkReference(name, at: fieldPath, position: value.position, noun: "machine", section: "machines",
                           defined: defined.machines)
            return name
        }
        let batchSize = reader.integer("batchSize", .optional, bounds: .within(1...ProtocolLimits.batchSize))
        let atLeastFaster = reader.number("atLeastFaster", .optional, bounds: .greaterThan(0))
        let atMostSlower = reader.number("atMostSlower", .optional, bounds: .atLeast(1))
        if !reader.contains("atLeastFaster") && !reader.contains("atMostSlower") {
            reader.reportMissing("atLeastFaster", expectation: "a bound: 'atLeastFaster' and/or 'atMostSlower'")
        }
        if let engine, let baseline, engine == baseline, let found = reader.value("baseline") {
            context.report("expected a baseline engine other than the compared engine, found \(JSONValue.quoted(baseline)) for both",
                           at: found.path, position: found.value.position)
        }
        if let task, let metric, let spec = tasks?.first(where: { $0.name == task }), !metric.applies(to: spec.kind),
           let found = reader.value("metric") {
            context.report("expected a metric that \(spec.kind.rawValue) task \(JSONValue.quoted(task)) records, found '\(metric.rawValue)'",
                           at: found.path, position: found.value.position)
        }
        guard context.hasNoIssues(since: mark), let task, let engine, let baseline, let metric else { return nil }
        return PerformanceExpectation(task: task, engine: engine, baseline: baseline, metric: metric, machine: machine,
                                      batchSize: batchSize, atLeastFaster: atLeastFaster, atMostSlower: atMostSlower)
    }
}
