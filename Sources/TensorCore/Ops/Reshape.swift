/// The same elements under another shape of equal element count.
public struct Reshape: PrimitiveOp {
    public let shape: Shape
    public init(to shape: Shape) { self.shape = shape }

    public var signature: String { "reshape(\(shape))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 1, inputs[0].elementCount == shape.elementCount else {
            throw TensorError.shapeMismatch(op: "reshape", shapes: inputs + [shape], reason: "element counts differ")
        }
        return shape
    }

    public func execute(_ arguments: KernelArguments) {
        arguments.output.update(from: arguments.inputs[0], count: shape.elementCount)
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        [try g.reshaped(inputs[0].shape)]
    }
}
