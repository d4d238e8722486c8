import TensorCore

/// Token ids [B, S] (as Float) → Embedding → single-layer LSTM → Linear from the last hidden state to the classes.
public final class LSTMClassifier: Layer {
    public let embedding: Embedding
    public let lstm: LSTM
    public let classifier: Linear

    init(vocabulary: Int, embeddingWidth: Int, hiddenWidth: Int, classes: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        embedding = Embedding(vocabulary: vocabulary, width: embeddingWidth, name: "embedding", generator: &generator)
        lstm = LSTM(inputs: embeddingWidth, hidden: hiddenWidth, name: "lstm", generator: &generator)
        classifier = Linear(inputs: hiddenWidth, outputs: classes, name: "classifier", generator: &generator)
    }

    public var parameters: [Parameter] { embedding.parameters + lstm.parameters + classifier.parameters }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try classifier(lstm(embedding(input)))
    }

    public static func make(vocabulary: Int, embeddingWidth: Int, hiddenWidth: Int, classes: Int,
                            seed: UInt64) throws -> LSTMClassifier {
        guard vocabulary > 0, embeddingWidth > 0, hiddenWidth > 0, classes > 0 else {
            throw TensorError.invalidAttribute(op: "LSTMClassifier.make", shapes: [],
                                               reason: "vocabulary, widths and classes must be positive")
        }
        return LSTMClassifier(vocabulary: vocabulary, embeddingWidth: embeddingWidth, hiddenWidth: hiddenWidth,
                              classes: classes, seed: seed)
    }
}
