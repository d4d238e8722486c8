/// Decoding of `tasks[]` entries: common keys, then the workload chosen by `kind`.
///
/// A task object is flat: train tasks add `batchSize`, `steps`/`epochs`, `optimizer`, `target`;
/// infer tasks add `batchSizes`, `iterations`, `scenario`, `minDurationSeconds` and the server keys.
/// Keys of the other kind are rejected.
extension ProtocolDecoder {
    static let commonTaskKeys = ["name", "kind", "model", "dataset", "engines", "machines"]
    static let trainTaskKeys = ["batchSize", "steps", "epochs", "optimizer", "target", "exportWeights"]
    static let inferTaskKeys = ["batchSizes", "iterations", "scenario", "minDurationSeconds"] + serverTaskKeys

    func decodeTask(_ value: JSONValue, at path: JSONPath, defined: DefinedNames) -> TaskSpec? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        let kind = reader.enumeration("kind", as: TaskKind.self)
        let workloadKeys: [String]
        switch kind {
        case .train?: workloadKeys = ProtocolDecoder.trainTaskKeys
        case .infer?: workloadKeys = ProtocolDecoder.inferTaskKeys
        case nil: workloadKeys = ProtocolDecoder.trainTaskKeys + ProtocolDecoder.inferTaskKeys
        }
        reader.checkKeys(allowed: ProtocolDecoder.commonTaskKeys + workloadKeys, aliases: ProtocolDecoder.keyAliases)
        let name = reader.string("name")
        let model = reference("model", in: reader, noun: "model", section: "models", defined: defined.models)
        let dataset = reference("dataset", in: reader, noun: "dataset", section: "datasets", defined: defined.datasets)
        let engines = referenceList("engines", in: reader, noun: "engine", section: "engines", defined: defined.engines)
        let machines = referenceList("machines", in: reader, noun: "machine", section: "machines", defined: defined.machines)
        let workload: TaskWorkload?
        switch kind {
        case .train?: workload = decodeTrain(reader).map(TaskWorkload.train)
        case .infer?: workload = decodeInfer(reader).map(TaskWorkload.infer)
        case nil: workload = nil
        }
        guard let name, let model, let dataset, let workload else { return nil }
        if (reader.contains("engines") && engines == nil) || (reader.contains("machines") && machines == nil) {
            return nil
        }
        return TaskSpec(name: name, model: model, dataset: dataset, workload: workload, engines: engines, machines: machines)
    }

    private func decodeTrain(_ reader: ObjectReader) -> TrainSpec? {
        let batchSize = reader.integer("batchSize", bounds: .within(1...ProtocolLimits.batchSize))
        let length = decodeTrainingLength(reader)
        let optimizer = reader.field("optimizer", .required, expectation: "an optimizer object") { value, path in
            decodeOptimizer(value, at: path)
        }
        let mark = context.issueCount
        let target = reader.field("target", .optional, expectation: "a target object") { value, path in
            decodeQualityTarget(value, at: path)
        }
        let exportWeights = reader.string("exportWeights", .optional).map(context.resolvedPath)
        guard let batchSize, let length, let optimizer, context.hasNoIssues(since: mark) else { return nil }
        return TrainSpec(batchSize: batchSize, length: length, optimizer: optimizer, target: target, exportWeights: exportWeights)
    }

    private func decodeTrainingLength(_ reader: ObjectReader) -> TrainingLength? {
        let steps = reader.value("steps")
        let epochs = reader.value("epochs")
        switch (steps, epochs) {
        case (let steps?, nil):
            return context.integer(steps.value, at: steps.path, bounds: .within(1...ProtocolLimits.steps)).map(TrainingLength.steps)
        case (nil, let epochs?):
            return context.integer(epochs.value, at: epochs.path, bounds: .within(1...ProtocolLimits.epochs)).map(TrainingLength.epochs)
        case (_?, let epochs?):
            context.report(
                "expected exactly one of 'steps' or 'epochs', found both",
                at: epochs.path, position: epochs.value.position)
            return nil
        case (nil, nil):
            context.report(
                "missing training length; expected exactly one of 'steps' or 'epochs' (an integer ≥ 1), found neither",
                at: reader.path, position: reader.position)
            return nil
        }
    }

    private func decodeInfer(_ reader: ObjectReader) -> InferSpec? {
        let batchSizes = reader.field("batchSizes", .required, expectation: "a non-empty array of batch sizes (integers ≥ 1)") { value, path in
            context.uniqueList(value, at: path, of: "batch sizes (integers ≥ 1)", describe: { String($0) }) { element, elementPath in
                context.integer(element, at: elementPath, bounds: .within(1...ProtocolLimits.batchSize))
            }
        }
        let iterations = reader.integer("iterations", .defaulted(100), bounds: .within(1...ProtocolLimits.steps))
        let mark = context.issueCount
        let scenario = reader.enumeration("scenario", .defaulted(.singleStream), as: InferenceScenario.self)
        let minDuration = reader.number("minDurationSeconds", .defaulted(0), bounds: .within(0...ProtocolLimits.seconds))
        let server = scenario.flatMap { decodeServerSettings(reader, scenario: $0) }
        guard let batchSizes, let iterations, let scenario, let minDuration, context.hasNoIssues(since: mark) else {
            return nil
        }
        return InferSpec(batchSizes: batchSizes, iterations: iterations, scenario: scenario,
                         minDurationSeconds: minDuration, server: server)
    }
}
