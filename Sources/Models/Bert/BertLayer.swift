import TensorCore

/// One post-norm BERT encoder layer, as Hugging Face's `BertLayer`:
/// x = LN(x + Dense(attention(x))); x = LN(x + Dense(GELU_erf(Dense(x)))). Query, key and value are separate
/// Linears (not one fused projection) so each maps to its own tensor in a pre-trained file.
public final class BertLayer: Layer {
    public let heads: Int
    public let width: Int
    public let query: Linear
    public let key: Linear
    public let value: Linear
    public let attentionOutput: Linear
    public let attentionNorm: LayerNorm
    public let intermediate: Linear
    public let output: Linear
    public let outputNorm: LayerNorm
    /// The additive attention mask of the current call ([B, 1, 1, S]); set by `Bert` before each call, because a
    /// `Layer` takes one input.
    var mask: Tensor?

    init(width: Int, heads: Int, intermediateWidth: Int, epsilon: Float, name: String,
         generator: inout SeededGenerator) throws {
        guard heads > 0, width % heads == 0 else {
            throw TensorError.invalidAttribute(op: "bert_layer", shapes: [],
                                               reason: "hidden width \(width) is not divisible by \(heads) heads")
        }
        self.heads = heads
        self.width = width
        func linear(_ inputs: Int, _ outputs: Int, _ suffix: String) -> Linear {
            Bert.linear(inputs: inputs, outputs: outputs, name: "\(name).\(suffix)", generator: &generator)
        }
        query = linear(width, width, "attention.self.query")
        key = linear(width, width, "attention.self.key")
        value = linear(width, width, "attention.self.value")
        attentionOutput = linear(width, width, "attention.output.dense")
        attentionNorm = LayerNorm(width: width, epsilon: epsilon, name: "\(name).attention.output.LayerNorm")
        intermediate = linear(width, intermediateWidth, "intermediate.dense")
        output = linear(intermediateWidth, width, "output.dense")
        outputNorm = LayerNorm(width: width, epsilon: epsilon, name: "\(name).output.LayerNorm")
    }

    public var parameters: [Parameter] {
        query.parameters + key.parameters + value.parameters + attentionOutput.parameters + attentionNorm.parameters
            + intermediate.parameters + output.parameters + outputNorm.parameters
    }

    /// [B, S, width] → [B, S, width].
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        let batch = input.shape[0], length = input.shape[1], depth = width / heads
        func perHead(_ projection: Linear) throws -> Tensor {
            try projection(input).reshaped([batch, length, heads, depth]).permuted([0, 2, 1, 3])
        }
        let context = try Tensor.scaledDotProductAttention(query: perHead(query), key: perHead(key),
                                                           value: perHead(value), additiveMask: mask)
        let merged = try context.permuted([0, 2, 1, 3]).reshaped([batch, length, width])
        let attended = try attentionNorm(input + attentionOutput(merged))
        return try outputNorm(attended + output(intermediate(attended).gelu(approximate: false)))
    }
}
