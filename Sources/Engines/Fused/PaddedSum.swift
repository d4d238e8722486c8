import TensorCore

/// Σᵢ pad(sourceᵢ): the gradient of a tensor sliced into pieces (an LSTM's time steps, attention's Q, K and V)
/// summed back into one tensor. Unfused, every piece is first padded to the full shape — mostly zeros written and
/// read again — and the pads are then added. Here each piece goes straight into its window of the output: copied
/// when the windows tile the output exactly, otherwise added onto a zero-filled output in the original order.
public struct PaddedSum: PrimitiveOp {
    /// Per source, where its window starts in the output (all zeros for a full-shape term).
    public let offsets: [[Int]]
    public let shape: Shape
    /// The windows are disjoint and cover the output: every element is written once, by a copy.
    public let tiles: Bool

    public init(offsets: [[Int]], sourceShapes: [Shape], shape: Shape) {
        self.offsets = offsets
        self.shape = shape
        let boxes = zip(offsets, sourceShapes).map { offset, source in
            (0..<shape.rank).map { (offset[$0], offset[$0] + source[$0]) }
        }
        let volume = sourceShapes.reduce(0) { $0 + $1.elementCount }
        var disjoint = true
        for first in boxes.indices {
            for second in boxes.indices where second > first {
                let overlaps = (0..<shape.rank).allSatisfy { axis in
                    boxes[first][axis].0 < boxes[second][axis].1 && boxes[second][axis].0 < boxes[first][axis].1
                }
                if overlaps { disjoint = false }
            }
        }
        self.tiles = disjoint && volume == shape.elementCount
    }

    public var signature: String { "padded_sum(\(offsets.count) pieces\(tiles ? ", tiling" : ""))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == offsets.count, zip(inputs, offsets).allSatisfy({ input, offset in
            input.rank == shape.rank && (0..<shape.rank).allSatisfy { offset[$0] >= 0 && offset[$0] + input[$0] <= shape[$0] }
        }) else {
            throw TensorError.shapeMismatch(op: "padded_sum", shapes: inputs, reason: "a piece does not fit its window in \(shape)")
        }
        return shape
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor) throws -> [Tensor?] {
        throw TensorError.notDifferentiable(op: "padded_sum")
    }

    public func execute(_ arguments: KernelArguments) {
        if !tiles { arguments.output.update(repeating: 0, count: shape.elementCount) }
        let strides = shape.strides
        for (index, source) in arguments.inputs.enumerated() {
            let sourceShape = arguments.inputShapes[index]
            let base = zip(offsets[index], strides).reduce(0) { $0 + $1.0 * $1.1 }
            copyBlock(dimensions: sourceShape.dimensions, from: source, base: 0, strides: sourceShape.strides,
                      to: arguments.output, base: base, strides: strides, accumulating: !tiles)
        }
    }
}
