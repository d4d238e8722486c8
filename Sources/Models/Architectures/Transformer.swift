import TensorCore

/// One pre-norm encoder block: x + MHSA(LN(x)), then x + FFN(LN(x)) with FFN = Linear → GELU (tanh) → Linear;
/// optional dropout after attention and after the FFN (as in GPT-2's residual dropout).
public final class TransformerBlock: Layer {
    public let attentionNorm: LayerNorm
    public let attention: MultiHeadSelfAttention
    public let feedForwardNorm: LayerNorm
    public let feedForwardIn: Linear
    public let feedForwardOut: Linear
    public let attentionDropout: Dropout?
    public let feedForwardDropout: Dropout?

    public init(width: Int, heads: Int, feedForwardWidth: Int, dropout: Float = 0, name: String,
                generator: inout SeededGenerator) throws {
        attentionNorm = LayerNorm(width: width, name: "\(name).norm1")
        attention = try MultiHeadSelfAttention(width: width, heads: heads, name: "\(name).attention", generator: &generator)
        feedForwardNorm = LayerNorm(width: width, name: "\(name).norm2")
        feedForwardIn = Linear(inputs: width, outputs: feedForwardWidth, name: "\(name).linear1", generator: &generator)
        feedForwardOut = Linear(inputs: feedForwardWidth, outputs: width, name: "\(name).linear2", generator: &generator)
        attentionDropout = dropout > 0 ? Dropout(probability: dropout, seed: generator.next()) : nil
        feedForwardDropout = dropout > 0 ? Dropout(probability: dropout, seed: generator.next()) : nil
    }

    public var parameters: [Parameter] {
        attentionNorm.parameters + attention.parameters + feedForwardNorm.parameters + feedForwardIn.parameters
            + feedForwardOut.parameters
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        var attended = try attention(attentionNorm(input))
        if let attentionDropout { attended = try attentionDropout(attended) }
        let x = try input + attended
        var fed = try feedForwardOut(feedForwardIn(feedForwardNorm(x)).gelu())
        if let feedForwardDropout { fed = try feedForwardDropout(fed) }
        return try x + fed
    }
}

/// A transformer-encoder sequence classifier on token ids [B, S] (as Float): token embedding + learned position
/// embedding (both N(0, 1) as `nn.Embedding`), `layers` pre-norm blocks, a final LayerNorm, mean-pool over the
/// sequence, and a Linear to the class logits. Sequences shorter than `sequenceLength` use the first positions.
public final class Transformer: Layer {
    public let sequenceLength: Int
    public let tokenEmbedding: Embedding
    public let positionEmbedding: Parameter
    public let blocks: [TransformerBlock]
    public let finalNorm: LayerNorm
    public let classifier: Linear

    init(vocabulary: Int, sequenceLength: Int, modelWidth: Int, heads: Int, layers: Int, feedForwardWidth: Int,
         classes: Int, dropout: Float, seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        self.sequenceLength = sequenceLength
        tokenEmbedding = Embedding(vocabulary: vocabulary, width: modelWidth, name: "token_embedding", generator: &generator)
        positionEmbedding = Parameter(name: "position_embedding.weight",
                                      value: .normal([sequenceLength, modelWidth], generator: &generator))
        blocks = try (0..<layers).map { index in
            try TransformerBlock(width: modelWidth, heads: heads, feedForwardWidth: feedForwardWidth, dropout: dropout,
                                 name: "blocks.\(index)", generator: &generator)
        }
        finalNorm = LayerNorm(width: modelWidth, name: "final_norm")
        classifier = Linear(inputs: modelWidth, outputs: classes, name: "classifier", generator: &generator)
    }

    public var parameters: [Parameter] {
        tokenEmbedding.parameters + [positionEmbedding] + blocks.flatMap(\.parameters) + finalNorm.parameters
            + classifier.parameters
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.shape.rank == 2, input.shape[1] <= sequenceLength, input.shape[1] > 0 else {
            throw TensorError.shapeMismatch(op: "transformer", shapes: [input.shape, positionEmbedding.value.shape],
                                            reason: "expects token ids [B, S] with 0 < S ≤ \(sequenceLength)")
        }
        let positions = try positionEmbedding.value.slice(axis: 0, range: 0..<input.shape[1])
        var x = try tokenEmbedding(input) + positions
        for block in blocks { x = try block(x) }
        return try classifier(finalNorm(x).mean(axes: [1]))
    }
}

extension Transformer {
    /// PEERS W4: `make(vocabulary: 1000, sequenceLength: 64, modelWidth: 64, heads: 2, layers: 2,
    /// feedForwardWidth: 256, classes: 2, seed:)`.
    public static func make(vocabulary: Int, sequenceLength: Int, modelWidth: Int, heads: Int, layers: Int,
                            feedForwardWidth: Int, classes: Int, dropout: Float = 0, seed: UInt64) throws -> Transformer {
        try Transformer(vocabulary: vocabulary, sequenceLength: sequenceLength, modelWidth: modelWidth, heads: heads,
                        layers: layers, feedForwardWidth: feedForwardWidth, classes: classes, dropout: dropout, seed: seed)
    }
}
