import TensorCore

/// A fused elementwise group running as generated, compiled C (`ElementwiseCSource`); same inputs, outputs and
/// results as the `FusedElementwise` it replaces, one pass over memory instead of one per instruction.
public struct CompiledElementwise: PrimitiveOp, @unchecked Sendable {
    public let interpreted: FusedElementwise
    let kernel: NativeCompiler.Kernel
    let rows: Int
    let columns: Int

    init(interpreted: FusedElementwise, kernel: @escaping NativeCompiler.Kernel, rows: Int, columns: Int) {
        self.interpreted = interpreted
        self.kernel = kernel
        self.rows = rows
        self.columns = columns
    }

    public var signature: String { "compiled_\(interpreted.signature)" }

    public func outputShape(for inputs: [Shape]) throws -> Shape { try interpreted.outputShape(for: inputs) }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor) throws -> [Tensor?] {
        throw TensorError.notDifferentiable(op: signature)
    }

    public func execute(_ arguments: KernelArguments) {
        let outputCount = 1 + arguments.additionalOutputs.count
        // Pointer tables on the stack: a replay allocates nothing.
        withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Float>.self, capacity: outputCount) { outputs in
            outputs[0] = arguments.output
            for (index, pointer) in arguments.additionalOutputs.enumerated() { outputs[index + 1] = pointer }
            arguments.inputs.withUnsafeBufferPointer { inputs in
                let inputTable = inputs.baseAddress, outputTable = UnsafePointer(outputs.baseAddress)
                let chunks = Parallelism.chunkCount(rows: rows, elementsPerRow: columns)
                if chunks <= 1 {
                    kernel(inputTable, outputTable, 0, rows)
                    return
                }
                let size = (rows + chunks - 1) / chunks
                Parallelism.run(tasks: chunks) { chunk in
                    let start = chunk * size
                    if start < rows { kernel(inputTable, outputTable, start, min(rows, start + size)) }
                }
            }
        }
    }
}
