/// A constant tensor. An op (not a literal buffer) so that constants created by gradient rules are captured too.
public struct Fill: PrimitiveOp {
    public let shape: Shape
    public let value: Float
    public init(_ shape: Shape, value: Float) { self.shape = shape; self.value = value }

    public var signature: String { "fill(\(shape), \(value))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.isEmpty else { throw TensorError.invalidAttribute(op: "fill", shapes: inputs, reason: "takes no inputs") }
        return shape
    }

    public func execute(_ arguments: KernelArguments) {
        arguments.output.update(repeating: value, count: shape.elementCount)
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor) throws -> [Tensor?] { [] }
}
