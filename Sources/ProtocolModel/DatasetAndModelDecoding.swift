/// Decoding of `models[]` entries (datasets: DatasetDecoding.swift).
extension ProtocolDecoder {
    func decodeModel(_ value: JSONValue, at path: JSONPath) -> ModelSpec? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        let kind = reader.enumeration("kind", as: ModelKind.self)
        // While the kind is unknown, accept the union of every family's keys (the kind error is the one to fix).
        let settingKeys = kind.map { ProtocolDecoder.networkSettingKeys[$0] ?? [] }
            ?? ModelKind.allCases.flatMap { ProtocolDecoder.networkSettingKeys[$0] ?? [] }
        reader.checkKeys(allowed: ["name", "kind", "init"] + settingKeys, aliases: ProtocolDecoder.keyAliases)
        let name = reader.string("name")
        let initialWeights = reader.string("init", .optional).map(context.resolvedPath)
        if reader.contains("init") && initialWeights == nil { return nil }
        let architecture: ModelArchitecture?
        switch kind {
        case .mlp?: architecture = decodeMLP(reader).map(ModelArchitecture.mlp)
        case .cnn?: architecture = decodeCNN(reader).map(ModelArchitecture.cnn)
        case .transformer?: architecture = decodeTransformer(reader).map(ModelArchitecture.transformer)
        case .lstm?: architecture = decodeLSTM(reader).map(ModelArchitecture.lstm)
        case .bert?: architecture = decodeBert(reader).map(ModelArchitecture.bert)
        case nil: architecture = nil
        }
        guard let name, let architecture else { return nil }
        return ModelSpec(name: name, architecture: architecture, initialWeights: initialWeights)
    }

    private func decodeMLP(_ reader: ObjectReader) -> MLPSpec? {
        let hidden = reader.field("hidden", .required, expectation: "an array of layer widths, each an integer ≥ 1") { value, path in
            decodeLayerWidths(value, at: path)
        }
        let activation = reader.enumeration("activation", .defaulted(Activation.relu), as: Activation.self)
        guard let hidden, let activation else { return nil }
        return MLPSpec(hidden: hidden, activation: activation)
    }

    private func decodeLayerWidths(_ value: JSONValue, at path: JSONPath) -> [Int]? {
        guard let elements = context.array(value, at: path, of: "layer widths, each an integer ≥ 1", allowEmpty: true) else { return nil }
        let widths = elements.map { context.integer($0.value, at: $0.path, bounds: .within(1...ProtocolLimits.layerWidth)) }
        let valid = widths.compactMap { $0 }
        return valid.count == widths.count ? valid : nil
    }
}
