import TensorCore

/// A BERT encoder over token ids [B, S] (as Float; id 0 is `[PAD]`), as Hugging Face's `BertModel` followed by
/// sentence-transformers' mean pooling: embeddings, post-norm `BertLayer`s whose attention ignores padding keys,
/// the mean of the last hidden states over the real tokens, and — with a classifier head — a Linear to the
/// class logits. Built from primitive ops only, so every engine runs it and its VJPs fine-tune it.
///
/// Parameters carry Hugging Face's names (see `Bert+Checkpoint`), the classifier `classifier.weight`/`.bias`.
/// Initialised as `BertPreTrainedModel._init_weights`: N(0, 0.02) weights and embeddings, zero biases,
/// LayerNorm ones and zeros.
public final class Bert: Layer {
    static let initialStandardDeviation: Float = 0.02
    /// Added to the attention scores of padding keys: exp(−10⁴) is 0 in float32, and unlike −∞ it keeps every
    /// softmax finite (the original BERT used the same constant).
    static let paddingScore: Float = -10_000

    public let embeddings: BertEmbeddings
    public let layers: [BertLayer]
    public let classifier: Linear?
    public let maxPositions: Int

    public struct Configuration: Sendable, Equatable {
        public var vocabulary: Int
        public var hiddenWidth: Int
        public var layers: Int
        public var heads: Int
        public var intermediateWidth: Int
        public var maxPositions: Int
        public var typeVocabulary: Int
        public var layerNormEpsilon: Float
        /// nil: the pooled embedding is the output.
        public var classes: Int?

        public init(vocabulary: Int, hiddenWidth: Int, layers: Int, heads: Int, intermediateWidth: Int,
                    maxPositions: Int = 512, typeVocabulary: Int = 2, layerNormEpsilon: Float = 1e-12, classes: Int?) {
            self.vocabulary = vocabulary
            self.hiddenWidth = hiddenWidth
            self.layers = layers
            self.heads = heads
            self.intermediateWidth = intermediateWidth
            self.maxPositions = maxPositions
            self.typeVocabulary = typeVocabulary
            self.layerNormEpsilon = layerNormEpsilon
            self.classes = classes
        }
    }

    public init(_ configuration: Configuration, seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let width = configuration.hiddenWidth
        maxPositions = configuration.maxPositions
        embeddings = BertEmbeddings(vocabulary: configuration.vocabulary, width: width,
                                    maxPositions: configuration.maxPositions, typeVocabulary: configuration.typeVocabulary,
                                    epsilon: configuration.layerNormEpsilon, generator: &generator)
        layers = try (0..<configuration.layers).map { index in
            try BertLayer(width: width, heads: configuration.heads, intermediateWidth: configuration.intermediateWidth,
                          epsilon: configuration.layerNormEpsilon, name: "encoder.layer.\(index)", generator: &generator)
        }
        classifier = configuration.classes.map {
            Bert.linear(inputs: width, outputs: $0, name: "classifier", generator: &generator)
        }
    }

    public var parameters: [Parameter] {
        embeddings.parameters + layers.flatMap(\.parameters) + (classifier?.parameters ?? [])
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.shape.rank == 2, input.shape[1] > 0, input.shape[1] <= maxPositions else {
            throw TensorError.shapeMismatch(op: "bert", shapes: [input.shape],
                                            reason: "expects token ids [B, S] with 0 < S ≤ \(maxPositions) positions")
        }
        let batch = input.shape[0], length = input.shape[1]
        let tokens = try input.map(.positiveMask)                                   // [B, S]: 1 token, 0 [PAD]
        let additiveMask = try ((tokens + -1) * -Bert.paddingScore).reshaped([batch, 1, 1, length])
        var hidden = try embeddings(input)
        for layer in layers {
            layer.mask = additiveMask
            defer { layer.mask = nil }
            hidden = try layer(hidden)
        }
        let weights = try tokens.reshaped([batch, length, 1])
        // The count is ≥ 1 for tokenized text ([CLS] is never padding); the shift only keeps an all-padding row
        // finite, as sentence-transformers' clamp(min=1e-9) does.
        let counts = try weights.sum(axes: [1]) + 1e-9
        let pooled = try (hidden * weights).sum(axes: [1]) / counts
        return try classifier.map { try $0(pooled) } ?? pooled
    }

    /// A Linear with BERT's initialisation (weights N(0, 0.02), zero bias).
    static func linear(inputs: Int, outputs: Int, name: String, generator: inout SeededGenerator) -> Linear {
        let layer = Linear(inputs: inputs, outputs: outputs, name: name, generator: &generator)
        layer.weight.assign(.normal([inputs, outputs], standardDeviation: initialStandardDeviation, generator: &generator))
        layer.bias?.assign(.zeros([outputs]))
        return layer
    }
}
