/// The multiplier of inverted dropout: each element independently 0 with probability p, else 1/(1 − p), drawn
/// from `SeededGenerator(seed:)` in row-major order, so a seed fixes the mask bit for bit. No inputs (like `Fill`);
/// dropout is `x * mask`, whose gradient is the ordinary product rule (g · mask).
public struct DropoutMask: PrimitiveOp {
    public let shape: Shape
    public let probability: Float
    public let seed: UInt64
    public init(_ shape: Shape, probability: Float, seed: UInt64) {
        self.shape = shape
        self.probability = probability
        self.seed = seed
    }

    public var signature: String { "dropout_mask(\(shape), p: \(probability), seed: \(seed))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.isEmpty else { throw TensorError.invalidAttribute(op: "dropout_mask", shapes: inputs, reason: "takes no inputs") }
        guard probability >= 0 && probability < 1 else {
            throw TensorError.invalidAttribute(op: "dropout_mask", shapes: [shape],
                                               reason: "probability \(probability) must be in [0, 1)")
        }
        return shape
    }

    public func execute(_ arguments: KernelArguments) {
        var generator = SeededGenerator(seed: seed)
        let keep = 1 / (1 - probability), p = probability
        let output = arguments.output
        for index in 0..<shape.elementCount { output[index] = generator.nextUniform() < p ? 0 : keep }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor) throws -> [Tensor?] { [] }
}
