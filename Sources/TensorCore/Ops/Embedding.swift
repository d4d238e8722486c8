/// Row lookup: inputs [table [V, D], ids [...]] (ids stored as Float) → [..., D]. An id outside 0..<V gives a
/// zero row (a kernel cannot throw; callers validate data). The table's gradient scatter-adds the cotangent
/// rows back to their ids (`EmbeddingScatterAdd`); ids get no gradient.
public struct EmbeddingLookup: PrimitiveOp {
    public init() {}
    public var signature: String { "embedding" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 2, inputs[0].rank == 2 else {
            throw TensorError.shapeMismatch(op: "embedding", shapes: inputs, reason: "expects a table [V, D] and ids [...]")
        }
        return Shape(inputs[1].dimensions + [inputs[0][1]])
    }

    public func execute(_ arguments: KernelArguments) {
        let vocabulary = arguments.inputShapes[0][0], width = arguments.inputShapes[0][1]
        let table = arguments.inputs[0], ids = arguments.inputs[1], output = arguments.output
        Parallelism.forRows(arguments.inputShapes[1].elementCount, elementsPerRow: width) { rows in
            for row in rows {
                let id = ids[row]
                let target = output + row * width
                if id >= 0 && id < Float(vocabulary) {
                    target.update(from: table + Int(id) * width, count: width)
                } else {
                    target.update(repeating: 0, count: width)
                }
            }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        [try Tensor.apply(EmbeddingScatterAdd(vocabulary: inputs[0].shape[0]), [inputs[1], g]), nil]
    }
}

/// The table gradient of `EmbeddingLookup`: inputs [ids [...], cotangent [..., D]] → [V, D], row `id` being
/// the sum of the cotangent rows that looked it up (ids out of range are skipped). Linear in the cotangent, so
/// its gradient is the lookup of the table cotangent.
public struct EmbeddingScatterAdd: PrimitiveOp {
    public let vocabulary: Int
    public init(vocabulary: Int) { self.vocabulary = vocabulary }
    public var signature: String { "embedding_scatter_add(\(vocabulary))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 2, inputs[1].rank == inputs[0].rank + 1,
              Array(inputs[1].dimensions.dropLast()) == inputs[0].dimensions else {
            throw TensorError.shapeMismatch(op: "embedding_scatter_add", shapes: inputs,
                                            reason: "expects ids [...] and a cotangent [..., D]")
        }
        return [vocabulary, inputs[1][inputs[1].rank - 1]]
    }

    public func execute(_ arguments: KernelArguments) {
        let width = arguments.outputShape[1]
        let ids = arguments.inputs[0], cotangent = arguments.inputs[1], output = arguments.output
        output.update(repeating: 0, count: vocabulary * width)
        for row in 0..<arguments.inputShapes[0].elementCount {
            let id = ids[row]
            guard id >= 0 && id < Float(vocabulary) else { continue }
            let target = output + Int(id) * width, source = cotangent + row * width
            for column in 0..<width { target[column] += source[column] }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        [nil, try Tensor.apply(EmbeddingLookup(), [g, inputs[0]])]
    }
}
