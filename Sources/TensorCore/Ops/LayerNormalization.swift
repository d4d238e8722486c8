/// The normalisation core of layer norm over the last axis: (x − mean) / √(var + ε), with the biased variance
/// (as PyTorch). One op rather than mean/sub/rsqrt compositions: one pass per row forward, and one dedicated
/// backward op instead of about ten elementwise and reduction ops. Learned scale and shift are ordinary
/// multiply/add ops on top (see `Tensor.layerNorm`).
public struct LayerNormalization: PrimitiveOp {
    public let epsilon: Float
    public init(epsilon: Float = 1e-5) { self.epsilon = epsilon }

    public var signature: String { "layer_normalization(eps: \(epsilon))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 1, inputs[0].rank >= 1, inputs[0][inputs[0].rank - 1] > 0 else {
            throw TensorError.shapeMismatch(op: "layer_normalization", shapes: inputs,
                                            reason: "expects one input with a non-empty last axis")
        }
        return inputs[0]
    }

    public func execute(_ arguments: KernelArguments) {
        let shape = arguments.inputShapes[0]
        let width = shape[shape.rank - 1]
        let rows = shape.elementCount / width
        let input = arguments.inputs[0], output = arguments.output, epsilon = self.epsilon
        Parallelism.forRows(rows, elementsPerRow: width) { range in
            for row in range {
                let x = input + row * width, y = output + row * width
                let (mean, inverse) = LayerNormalization.statistics(x, width, epsilon)
                for index in 0..<width { y[index] = (x[index] - mean) * inverse }
            }
        }
    }

    /// Mean and 1/√(var + ε) of one row (two passes, for accuracy on rows with a large mean).
    @inline(__always)
    static func statistics(_ x: UnsafePointer<Float>, _ width: Int, _ epsilon: Float) -> (Float, Float) {
        let mean = RowReductions.sum(x, width) / Float(width)
        let squares = RowReductions.squaredDeviations(x, width, from: mean)
        return (mean, 1 / (squares / Float(width) + epsilon).squareRoot())
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        [try Tensor.apply(LayerNormalizationBackward(epsilon: epsilon), [inputs[0], g])]
    }
}

/// The input gradient of `LayerNormalization`: inputs [x, cotangent] → dx, per row
/// dx = (g − mean(g) − x̂·mean(g·x̂)) / √(var + ε), recomputing the row statistics from x.
public struct LayerNormalizationBackward: PrimitiveOp {
    public let epsilon: Float
    public init(epsilon: Float = 1e-5) { self.epsilon = epsilon }

    public var signature: String { "layer_normalization_backward(eps: \(epsilon))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 2, inputs[0] == inputs[1], inputs[0].rank >= 1 else {
            throw TensorError.shapeMismatch(op: "layer_normalization_backward", shapes: inputs,
                                            reason: "expects x and a cotangent of the same shape")
        }
        return inputs[0]
    }

    public func execute(_ arguments: KernelArguments) {
        let shape = arguments.inputShapes[0]
        let width = shape[shape.rank - 1]
        guard width > 0 else { return }
        let rows = shape.elementCount / width
        let input = arguments.inputs[0], cotangent = arguments.inputs[1], output = arguments.output
        let epsilon = self.epsilon
        Parallelism.forRows(rows, elementsPerRow: 2 * width) { range in
            for row in range {
                let x = input + row * width, g = cotangent + row * width, dx = output + row * width
                let (mean, inverse) = LayerNormalization.statistics(x, width, epsilon)
                // Σ g·x̂ = (Σ g·x − mean·Σ g)·inverse, so both sums are plain vectorised reductions.
                let gTotal = RowReductions.sum(g, width)
                let gxTotal = (RowReductions.dot(g, x, width) - mean * gTotal) * inverse
                let gMean = gTotal / Float(width), gxMean = gxTotal / Float(width)
                for index in 0..<width {
                    let normalized = (x[index] - mean) * inverse
                    dx[index] = (g[index] - gMean - normalized * gxMean) * inverse
                }
            }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor) throws -> [Tensor?] {
        throw TensorError.notDifferentiable(op: signature)
    }
}
