/// Turns a parsed JSON tree into a `BenchmarkProtocol`, checking everything.
///
/// Walks the whole document even after a problem so that all issues are reported at once.
/// Returns `nil` when any issue was found; the issues are in `context`.
struct ProtocolDecoder {
    let context: DecodingContext

    static let topLevelKeys = [
        "$schema", "name", "description", "seed", "machines", "datasets", "models", "engines", "tasks", "metrics", "repetition",
        "expectations", "agreement", "baseline",
    ]

    /// Likely wrong spellings of keys whose names are not obvious, for "did you mean" hints.
    static let keyAliases = ["learningRate": "lr", "learning_rate": "lr", "type": "kind", "warmup": "warmupSteps"]

    func decode(_ root: JSONValue) -> BenchmarkProtocol? {
        let mark = context.issueCount
        guard let reader = ObjectReader(root, at: .root, context: context, expectation: "a protocol object") else { return nil }
        reader.checkKeys(allowed: ProtocolDecoder.topLevelKeys, aliases: ProtocolDecoder.keyAliases)
        _ = reader.string("$schema", .optional, allowEmpty: true)
        let name = reader.string("name")
        let description = reader.string("description", .optional, allowEmpty: true)
        let seed = reader.unsignedInteger("seed", .defaulted(BenchmarkProtocol.defaultSeed))
        let machines = namedSection("machines", in: reader, noun: "machine", decodeItem: decodeMachine)
        let datasets = namedSection("datasets", in: reader, noun: "dataset", decodeItem: decodeDataset)
        let models = namedSection("models", in: reader, noun: "model", decodeItem: decodeModel)
        let engines = namedSection("engines", in: reader, noun: "engine", decodeItem: decodeEngine)
        let defined = DefinedNames(
            machines: machines?.names, datasets: datasets?.names, models: models?.names, engines: engines?.names)
        let tasks = namedSection("tasks", in: reader, noun: "task") { value, path -> TaskSpec? in
            let task = decodeTask(value, at: path, defined: defined)
            if let task { checkTrainable(task, models: models?.items ?? [], value: value, at: path) }
            return task
        }
        let metrics = decodeMetrics(in: reader)
        let repetition = reader.field("repetition", .defaulted(RepetitionPolicy.adaptive()), expectation: "an object") {
            decodeRepetition($0, at: $1)
        }
        let expectations = decodeExpectations(in: reader, tasks: tasks?.items, defined: defined)
        let agreement = reader.field("agreement", .defaulted(AgreementPolicy()), expectation: "an object") {
            decodeAgreement($0, at: $1)
        }
        let baseline = decodeBaseline(in: reader, engines: engines?.names)
        guard context.hasNoIssues(since: mark), let name, let seed, let machines, let datasets, let models,
              let engines, let tasks, let metrics, let repetition, let expectations, let agreement
        else { return nil }
        return BenchmarkProtocol(
            name: name, description: description, seed: seed, machines: machines.items, datasets: datasets.items,
            models: models.items, engines: engines.items, tasks: tasks.items, metrics: metrics, repetition: repetition,
            expectations: expectations, agreement: agreement, baseline: baseline)
    }

    /// The optional top-level `baseline`: an engine name, checked like every reference (did-you-mean).
    func decodeBaseline(in reader: ObjectReader, engines: [String]?) -> String? {
        reader.field("baseline", .optional, expectation: "the name of an engine defined in 'engines'") { value, path -> String? in
            guard let name = context.string(value, at: path) else { return nil }
            checkReference(name, at: path, position: value.position, noun: "engine", section: "engines", defined: engines)
            return name
        }
    }

    func decodeMetrics(in reader: ObjectReader) -> [Metric]? {
        reader.field("metrics", .defaulted(Metric.allCases), expectation: "a non-empty array of metric names") { value, path in
            context.uniqueList(value, at: path, of: "metric names", describe: { "'\($0.rawValue)'" }) { element, elementPath in
                context.enumeration(element, at: elementPath, as: Metric.self)
            }
        }
    }
}
