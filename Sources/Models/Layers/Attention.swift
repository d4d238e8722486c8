import TensorCore

/// Multi-head self-attention over [B, S, width] (no mask, as an encoder): one fused Linear projects to q, k, v
/// ([B, S, 3·width] → [3, B, heads, S, width/heads] by reshape + permute), scaled dot-product attention per
/// head, heads merged back and an output Linear. Projections initialised like `Linear` (PyTorch's Linear default).
public final class MultiHeadSelfAttention: Layer {
    public let heads: Int
    public let width: Int
    public let projection: Linear
    public let output: Linear

    public init(width: Int, heads: Int, name: String, generator: inout SeededGenerator) throws {
        guard heads > 0, width % heads == 0 else {
            throw TensorError.invalidAttribute(op: "multi_head_self_attention", shapes: [],
                                               reason: "width \(width) is not divisible by \(heads) heads")
        }
        self.heads = heads
        self.width = width
        projection = Linear(inputs: width, outputs: 3 * width, name: "\(name).in_proj", generator: &generator)
        output = Linear(inputs: width, outputs: width, name: "\(name).out_proj", generator: &generator)
    }

    public var parameters: [Parameter] { projection.parameters + output.parameters }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.shape.rank == 3, input.shape[2] == width else {
            throw TensorError.shapeMismatch(op: "multi_head_self_attention", shapes: [input.shape, [width]],
                                            reason: "expects input [B, S, \(width)]")
        }
        let batch = input.shape[0], length = input.shape[1], depth = width / heads
        let qkv = try projection(input).reshaped([batch, length, 3, heads, depth]).permuted([2, 0, 3, 1, 4])
        let perHead: Shape = [batch, heads, length, depth]
        let q = try qkv.slice(axis: 0, range: 0..<1).reshaped(perHead)
        let k = try qkv.slice(axis: 0, range: 1..<2).reshaped(perHead)
        let v = try qkv.slice(axis: 0, range: 2..<3).reshaped(perHead)
        let context = try Tensor.scaledDotProductAttention(query: q, key: k, value: v)
        return try output(context.permuted([0, 2, 1, 3]).reshaped([batch, length, width]))
    }
}
