import TensorCore

/// A sum over the leading or the trailing axes of a fused elementwise expression, computed block by block from
/// the expression's registers, so the summed tensor never reaches memory: a reduction absorbing its elementwise
/// producers (a LayerNorm scale gradient Σ g·x̂, softmax backward's Σ g·y).
public struct FusedReduction: PrimitiveOp {
    public enum Layout: Hashable, Sendable {
        /// output[j] = Σ_row value[row, j]: the leading axes are summed (bias and scale gradients).
        case leading
        /// output[row] = Σ_j value[row, j]: the trailing axes are summed (row statistics).
        case trailing
    }

    public let program: ElementwiseProgram
    /// The shape of the summed expression and of the result.
    public let shape: Shape
    public let reducedShape: Shape
    public let layout: Layout
    /// The expression viewed as rows × width, split where the summed axes begin or end.
    public let rows: Int
    public let width: Int
    private let loads: [BroadcastLoad]
    private let scratchOnly: [Int]

    /// Nil when the summed axes are neither a leading nor a trailing run, or a row does not fit a block.
    public init?(program: ElementwiseProgram, shape: Shape, inputShapes: [Shape], summedAxes: Set<Int>, reducedShape: Shape) {
        let rank = shape.rank
        guard !summedAxes.isEmpty, rank > 0 else { return nil }
        let split: Int
        if summedAxes == Set(0..<summedAxes.count) {
            layout = .leading
            split = summedAxes.count
        } else if summedAxes == Set((rank - summedAxes.count)..<rank) {
            layout = .trailing
            split = rank - summedAxes.count
        } else {
            return nil
        }
        rows = shape.dimensions[..<split].reduce(1, *)
        width = shape.dimensions[split...].reduce(1, *)
        guard width <= FusedElementwise.blockSize, width > 0 else { return nil }
        self.program = program
        self.shape = shape
        self.reducedShape = reducedShape
        self.loads = inputShapes.map { BroadcastLoad(input: $0, output: shape) }
        self.scratchOnly = [Int](repeating: -1, count: program.instructions.count)
    }

    public var signature: String { "fused_sum(\(layout == .leading ? "leading" : "trailing"), \(shape), \(program))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        for input in inputs where Shape.broadcast(input, shape) != shape {
            throw TensorError.shapeMismatch(op: "fused_sum", shapes: [input, shape], reason: "input does not broadcast")
        }
        return reducedShape
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor) throws -> [Tensor?] {
        throw TensorError.notDifferentiable(op: "fused_sum")
    }

    /// One thread: the sums are small next to the work that produced their inputs, and the leading layout adds
    /// every row into one shared result, in the same row order as `Reduce` (so results match it bit for bit).
    public func execute(_ arguments: KernelArguments) {
        let output = arguments.output
        if layout == .leading { output.update(repeating: 0, count: width) }
        let scratch = FusedScratch.buffer(chunk: 0, registers: program.instructions.count)
        let rowsPerBlock = Swift.max(1, FusedElementwise.blockSize / width)
        let result = program.outputs[0]
        var row = 0
        while row < rows {
            let count = Swift.min(rowsPerBlock, rows - row)
            let pointers = ElementwiseBlock.evaluate(program, loads: loads, writesOutput: scratchOnly, start: row * width,
                                                     length: count * width, scratch: scratch, arguments: arguments)
            let value = pointers[result]
            switch layout {
            case .leading:
                for offset in 0..<count {
                    let source = value + offset * width
                    for column in 0..<width { output[column] += source[column] }
                }
            case .trailing:
                for offset in 0..<count { output[row + offset] = RowReductions.sum(value + offset * width, width) }
            }
            row += count
        }
    }
}
