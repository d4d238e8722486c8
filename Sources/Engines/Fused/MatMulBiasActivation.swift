import TensorCore

/// GEMM with a bias + activation epilogue: C starts as the bias rows and BLAS accumulates into it (beta = 1, no
/// zeroing pass), then the activation runs over C while it is still in cache.
public struct MatMulBiasActivation: PrimitiveOp {
    public enum Activation: String, Sendable { case none, relu }
    public let matmul: MatMul
    public let activation: Activation

    public init(matmul: MatMul, activation: Activation) {
        self.matmul = matmul
        self.activation = activation
    }

    public var signature: String { "\(matmul.signature)+bias+\(activation.rawValue)" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        let shape = try matmul.outputShape(for: Array(inputs.prefix(2)))
        guard inputs.count == 3, inputs[2] == Shape([shape[shape.rank - 1]]) else {
            throw TensorError.shapeMismatch(op: signature, shapes: inputs, reason: "bias must be [columns]")
        }
        return shape
    }

    public func execute(_ arguments: KernelArguments) {
        let columns = arguments.outputShape[arguments.outputShape.rank - 1]
        let count = arguments.outputShape.elementCount
        let rows = count / max(columns, 1)
        let bias = arguments.inputs[2]
        for row in 0..<rows { (arguments.output + row * columns).update(from: bias, count: columns) }
        matmul.execute(KernelArguments(inputs: [arguments.inputs[0], arguments.inputs[1]],
                                       inputShapes: [arguments.inputShapes[0], arguments.inputShapes[1]],
                                       output: arguments.output, outputShape: arguments.outputShape), accumulate: true)
        if activation == .relu {
            let output = arguments.output
            for index in 0..<count { output[index] = output[index] > 0 ? output[index] : 0 }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor) throws -> [Tensor?] {
        throw TensorError.notDifferentiable(op: signature)
    }
}
