import TensorCore

/// GEMM with a bias + activation epilogue applied while the output rows are still in cache.
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
        matmul.execute(KernelArguments(inputs: Array(arguments.inputs.prefix(2)), inputShapes: Array(arguments.inputShapes.prefix(2)),
                                       output: arguments.output, outputShape: arguments.outputShape))
        let columns = arguments.outputShape[arguments.outputShape.rank - 1]
        let rows = arguments.outputShape.elementCount / max(columns, 1)
        let bias = arguments.inputs[2]
        let relu = activation == .relu
        let output = arguments.output
        Parallelism.forRows(rows, elementsPerRow: columns) { range in
            for row in range {
                let line = output + row * columns
                if relu {
                    for column in 0..<columns { let value = line[column] + bias[column]; line[column] = value > 0 ? value : 0 }
                } else {
                    for column in 0..<columns { line[column] += bias[column] }
                }
            }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor) throws -> [Tensor?] {
        throw TensorError.notDifferentiable(op: signature)
    }
}
