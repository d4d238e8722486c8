/// Decoding of the bert family: `{"kind": "bert", "config": "…/config.json", "head": "embedding"}` reads the encoder's
/// numbers from a Hugging Face config file (problems in it are reported at the protocol's `config` key, naming the
/// file, line:column and key); without `config`, `hiddenWidth`, `layers`, `heads` and `intermediateWidth` are
/// required and the rest default to BERT's (512 positions, 2 token types, ε 1e-12).
extension ProtocolDecoder {
    static let bertNumberKeys = ["hiddenWidth", "layers", "heads", "intermediateWidth", "maxPositions", "typeVocabulary",
                                 "layerNormEpsilon"]

    func decodeBert(_ reader: ObjectReader) -> BertSpec? {
        let head = reader.enumeration("head", .defaulted(BertSpec.Head.classifier), as: BertSpec.Head.self)
        var spec: BertSpec?
        if let found = reader.value("config") {
            for key in ProtocolDecoder.bertNumberKeys {
                guard let written = reader.value(key) else { continue }
                context.report("\(JSONValue.quoted(key)) cannot be combined with \"config\"; expected the numbers from the config file alone",
                               at: written.path, position: written.value.position)
            }
            guard let relative = context.string(found.value, at: found.path) else { return nil }
            spec = decodeBertConfig(file: context.resolvedPath(relative), at: found)
        } else {
            let width = reader.integer("hiddenWidth", bounds: .within(1...8192))
            let layers = reader.integer("layers", bounds: .within(1...64))
            let heads = reader.integer("heads", bounds: .within(1...256))
            let intermediate = reader.integer("intermediateWidth", bounds: .within(1...65536))
            let positions = reader.integer("maxPositions", .defaulted(512), bounds: .within(1...65536))
            let types = reader.integer("typeVocabulary", .defaulted(2), bounds: .within(1...64))
            let epsilon = reader.number("layerNormEpsilon", .defaulted(1e-12), bounds: .halfOpen(0, 1))
            guard let width, let layers, let heads, let intermediate, let positions, let types, let epsilon else { return nil }
            if width % heads != 0, let found = reader.value("heads") {
                context.report("expected a number of heads that divides hiddenWidth \(width), found \(heads)",
                               at: found.path, position: found.value.position)
                return nil
            }
            spec = BertSpec(hiddenWidth: width, layers: layers, heads: heads, intermediateWidth: intermediate,
                            maxPositions: positions, typeVocabulary: types, layerNormEpsilon: epsilon)
        }
        guard var spec, let head else { return nil }
        spec.head = head
        return spec
    }

    /// The numbers of a Hugging Face BERT `config.json`; other keys in it are ignored.
    private func decodeBertConfig(file: String, at found: (value: JSONValue, path: JSONPath)) -> BertSpec? {
        func report(_ message: String) {
            context.report("BERT config '\(file)': " + message, at: found.path, position: found.value.position)
        }
        guard let root = ReferencedJSONFile.parse(file, report: report) else { return nil }
        let configContext = DecodingContext()
        let spec = ObjectReader(root, at: .root, context: configContext, expectation: "a config object").flatMap { config -> BertSpec? in
            if let type = config.value("model_type"), type.value.stringValue != "bert" {
                configContext.reportMismatch(expected: "\"bert\"", found: type.value, at: type.path)
            }
            if let activation = config.value("hidden_act"), activation.value.stringValue != "gelu" {
                configContext.reportMismatch(expected: "\"gelu\" (BERT's erf GELU, the one dlbench implements)",
                                             found: activation.value, at: activation.path)
            }
            if let embedding = config.value("position_embedding_type"), embedding.value.stringValue != "absolute" {
                configContext.reportMismatch(expected: "\"absolute\"", found: embedding.value, at: embedding.path)
            }
            let width = config.integer("hidden_size", bounds: .within(1...8192))
            let layers = config.integer("num_hidden_layers", bounds: .within(1...64))
            let heads = config.integer("num_attention_heads", bounds: .within(1...256))
            let intermediate = config.integer("intermediate_size", bounds: .within(1...65536))
            let positions = config.integer("max_position_embeddings", bounds: .within(1...65536))
            let types = config.integer("type_vocab_size", bounds: .within(1...64))
            let epsilon = config.number("layer_norm_eps", bounds: .halfOpen(0, 1))
            let vocabulary = config.integer("vocab_size", bounds: .within(1...ProtocolLimits.dimension))
            guard let width, let layers, let heads, let intermediate, let positions, let types, let epsilon, let vocabulary
            else { return nil }
            if width % heads != 0, let found = config.value("num_attention_heads") {
                configContext.report("expected a number of heads that divides hidden_size \(width), found \(heads)",
                                     at: found.path, position: found.value.position)
            }
            return BertSpec(hiddenWidth: width, layers: layers, heads: heads, intermediateWidth: intermediate,
                            maxPositions: positions, typeVocabulary: types, layerNormEpsilon: epsilon,
                            vocabulary: vocabulary, configFile: file)
        }
        for issue in configContext.sortedIssues { report(issue.description) }
        return configContext.issueCount == 0 ? spec : nil
    }
}

extension ProtocolDecoder {
    /// A train task needs a loss: a BERT whose head is the pooled embedding has no classes to train on.
    func checkTrainable(_ task: TaskSpec, models: [ModelSpec], value: JSONValue, at path: JSONPath) {
        guard case .train = task.workload, let model = models.first(where: { $0.name == task.model }),
              case let .bert(spec) = model.architecture, spec.head == .embedding else { return }
        let member = value.objectMembers?.first { $0.key == "model" }
        context.report("model '\(model.name)' has \"head\": \"embedding\", which has no classes to train on; expected a train task's model to have \"head\": \"classifier\"",
                       at: path.appending("model"), position: member?.value.position ?? value.position)
    }
}
