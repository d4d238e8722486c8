/// Broadcasts a tensor to a larger shape (NumPy `broadcast_to`); its gradient sums back over the broadcast axes.
public struct Expand: PrimitiveOp {
    public let shape: Shape
    public init(to shape: Shape) { self.shape = shape }

    public var signature: String { "expand(\(shape))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 1, Shape.broadcast(inputs[0], shape) == shape else {
            throw TensorError.shapeMismatch(op: "expand", shapes: inputs + [shape], reason: "cannot broadcast to the target")
        }
        return shape
    }

    public func execute(_ arguments: KernelArguments) {
        let input = arguments.inputs[0], output = arguments.output, outShape = arguments.outputShape
        if outShape.rank == 0 { output[0] = input[0]; return }
        let inputStrides = broadcastStrides(of: arguments.inputShapes[0], to: outShape)
        let rowLength = outShape.dimensions[outShape.rank - 1]
        let inner = inputStrides[outShape.rank - 1]
        forEachRow(dimensions: outShape.dimensions, strides: [inputStrides, outShape.strides]) { offsets in
            let source = input + offsets[0], target = output + offsets[1]
            if inner == 0 {
                target.update(repeating: source[0], count: rowLength)
            } else {
                target.update(from: source, count: rowLength)
            }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        [try g.sum(toShape: inputs[0].shape)]
    }
}
