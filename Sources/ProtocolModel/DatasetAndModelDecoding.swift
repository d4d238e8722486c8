/// Decoding of `datasets[]` and `models[]` entries.
extension ProtocolDecoder {
    func decodeDataset(_ value: JSONValue, at path: JSONPath) -> DatasetSpec? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        reader.checkKeys(
            allowed: ["name", "kind", "features", "classes", "trainSamples", "testSamples", "seed", "noise"],
            aliases: ProtocolDecoder.keyAliases)
        let name = reader.string("name")
        let kind = reader.enumeration("kind", as: DatasetKind.self)
        let features = reader.integer("features", bounds: .within(DatasetSpec.featureRange))
        let classes = reader.integer("classes", bounds: .within(DatasetSpec.classRange))
        let trainSamples = reader.integer("trainSamples", bounds: .atLeast(1))
        let testSamples = reader.integer("testSamples", bounds: .atLeast(1))
        let seed = reader.unsignedInteger("seed", .optional)
        let noise = reader.number("noise", .defaulted(1.0), bounds: .atLeast(0))
        guard let name, let kind, let features, let classes, let trainSamples, let testSamples, let noise else { return nil }
        if reader.contains("seed") && seed == nil { return nil }
        return DatasetSpec(
            name: name, kind: kind, features: features, classes: classes, trainSamples: trainSamples,
            testSamples: testSamples, seed: seed, noise: noise)
    }

    func decodeModel(_ value: JSONValue, at path: JSONPath) -> ModelSpec? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        let kind = reader.enumeration("kind", as: ModelKind.self)
        let settingKeys: [String]
        switch kind {
        case .mlp?: settingKeys = ["hidden", "activation"]
        case nil: settingKeys = ["hidden", "activation"]  // union of all kinds' keys while the kind is unknown
        }
        reader.checkKeys(allowed: ["name", "kind"] + settingKeys, aliases: ProtocolDecoder.keyAliases)
        let name = reader.string("name")
        let architecture: ModelArchitecture?
        switch kind {
        case .mlp?: architecture = decodeMLP(reader).map(ModelArchitecture.mlp)
        case nil: architecture = nil
        }
        guard let name, let architecture else { return nil }
        return ModelSpec(name: name, architecture: architecture)
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
        let widths = elements.map { context.integer($0.value, at: $0.path, bounds: .atLeast(1)) }
        let valid = widths.compactMap { $0 }
        return valid.count == widths.count ? valid : nil
    }
}
