/// Decoding of the cnn, transformer and lstm model families (the mlp lives beside the model entry itself).
extension ProtocolDecoder {
    static let networkSettingKeys: [ModelKind: [String]] = [
        .mlp: ["hidden", "activation"],
        .cnn: ["convolutions", "pool", "padding"],
        .transformer: ["modelWidth", "heads", "layers", "feedForwardWidth"],
        .lstm: ["embeddingWidth", "hiddenWidth"],
        .bert: ["config", "head", "hiddenWidth", "layers", "heads", "intermediateWidth", "maxPositions", "typeVocabulary",
                "layerNormEpsilon"],
    ]

    func decodeCNN(_ reader: ObjectReader) -> CNNSpec? {
        let convolutions = reader.field("convolutions", .required,
                                        expectation: "a non-empty array of {\"channels\", \"kernel\"} objects") { value, path in
            decodeConvolutions(value, at: path)
        }
        let pool = reader.integer("pool", .defaulted(2), bounds: .within(1...64))
        let padding = reader.enumeration("padding", .defaulted(CNNSpec.Padding.same), as: CNNSpec.Padding.self)
        guard let convolutions, let pool, let padding else { return nil }
        return CNNSpec(convolutions: convolutions, pool: pool, padding: padding)
    }

    private func decodeConvolutions(_ value: JSONValue, at path: JSONPath) -> [CNNSpec.Convolution]? {
        guard let elements = context.array(value, at: path, of: "convolution objects", allowEmpty: false) else { return nil }
        let decoded = elements.map { element -> CNNSpec.Convolution? in
            guard let reader = ObjectReader(element.value, at: element.path, context: context) else { return nil }
            reader.checkKeys(allowed: ["channels", "kernel"], aliases: ProtocolDecoder.keyAliases)
            guard let channels = reader.integer("channels", bounds: .within(1...4096)),
                  let kernel = reader.integer("kernel", bounds: .within(1...31)) else { return nil }
            return CNNSpec.Convolution(channels: channels, kernel: kernel)
        }
        let valid = decoded.compactMap { $0 }
        return valid.count == decoded.count ? valid : nil
    }

    func decodeTransformer(_ reader: ObjectReader) -> TransformerSpec? {
        let width = reader.integer("modelWidth", bounds: .within(1...8192))
        let heads = reader.integer("heads", bounds: .within(1...256))
        let layers = reader.integer("layers", bounds: .within(1...64))
        let feedForward = reader.integer("feedForwardWidth", bounds: .within(1...65536))
        guard let width, let heads, let layers, let feedForward else { return nil }
        if width % heads != 0, let found = reader.value("heads") {
            context.report("expected a number of heads that divides modelWidth \(width), found \(heads)",
                           at: found.path, position: found.value.position)
            return nil
        }
        return TransformerSpec(modelWidth: width, heads: heads, layers: layers, feedForwardWidth: feedForward)
    }

    func decodeLSTM(_ reader: ObjectReader) -> LSTMSpec? {
        let embedding = reader.integer("embeddingWidth", bounds: .within(1...8192))
        let hidden = reader.integer("hiddenWidth", bounds: .within(1...8192))
        guard let embedding, let hidden else { return nil }
        return LSTMSpec(embeddingWidth: embedding, hiddenWidth: hidden)
    }
}
