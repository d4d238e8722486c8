/// z = f(a, b) with NumPy broadcasting.
public struct ElementwiseBinary: PrimitiveOp {
    public let function: BinaryFunction
    public init(_ function: BinaryFunction) { self.function = function }

    public var signature: String { function.rawValue }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 2 else {
            throw TensorError.invalidAttribute(op: signature, shapes: inputs, reason: "expects 2 inputs")
        }
        guard let shape = Shape.broadcast(inputs[0], inputs[1]) else {
            throw TensorError.shapeMismatch(op: signature, shapes: inputs, reason: "not broadcastable")
        }
        return shape
    }

    public func execute(_ arguments: KernelArguments) {
        BinaryKernels.apply(function, arguments.inputs[0], arguments.inputShapes[0], arguments.inputs[1],
                            arguments.inputShapes[1], arguments.output, arguments.outputShape)
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        let a = inputs[0], b = inputs[1]
        switch function {
        case .add:
            return [try g.sum(toShape: a.shape), try g.sum(toShape: b.shape)]
        case .subtract:
            return [try g.sum(toShape: a.shape), try g.map(.negate).sum(toShape: b.shape)]
        case .multiply:
            return [try (g * b).sum(toShape: a.shape), try (g * a).sum(toShape: b.shape)]
        case .divide:
            let gradientA = try (g / b).sum(toShape: a.shape)
            let gradientB = try (g * output / b).map(.negate).sum(toShape: b.shape)
            return [gradientA, gradientB]
        case .equalMask:
            throw TensorError.notDifferentiable(op: signature)
        }
    }
}

public enum BinaryKernels {
    @inline(__always)
    static func sameShape(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                          _ count: Int, _ body: (Float, Float) -> Float) {
        for index in 0..<count { out[index] = body(a[index], b[index]) }
    }

    @inline(__always)
    static func rows(_ function: BinaryFunction, _ a: UnsafePointer<Float>, _ aStride: Int, _ b: UnsafePointer<Float>,
                     _ bStride: Int, _ out: UnsafeMutablePointer<Float>, _ count: Int,
                     _ body: (Float, Float) -> Float) {
        switch (aStride, bStride) {
        case (1, 1): for index in 0..<count { out[index] = body(a[index], b[index]) }
        case (1, 0): let scalar = b[0]; for index in 0..<count { out[index] = body(a[index], scalar) }
        case (0, 1): let scalar = a[0]; for index in 0..<count { out[index] = body(scalar, b[index]) }
        default: for index in 0..<count { out[index] = body(a[index * aStride], b[index * bStride]) }
        }
    }

    /// z = f(a, b) over `count` contiguous elements of equal shape (the fused-group inner loop).
    public static func sameShapeApply(_ function: BinaryFunction, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                      _ out: UnsafeMutablePointer<Float>, _ count: Int) {
        switch function {
        case .add: sameShape(a, b, out, count) { $0 + $1 }
        case .subtract: sameShape(a, b, out, count) { $0 - $1 }
        case .multiply: sameShape(a, b, out, count) { $0 * $1 }
        case .divide: sameShape(a, b, out, count) { $0 / $1 }
        case .equalMask: sameShape(a, b, out, count) { $0 == $1 ? 1 : 0 }
        }
    }

    static func apply(_ function: BinaryFunction, _ a: UnsafePointer<Float>, _ aShape: Shape, _ b: UnsafePointer<Float>,
                      _ bShape: Shape, _ out: UnsafeMutablePointer<Float>, _ outShape: Shape) {
        switch function {
        case .add: run(function, a, aShape, b, bShape, out, outShape) { $0 + $1 }
        case .subtract: run(function, a, aShape, b, bShape, out, outShape) { $0 - $1 }
        case .multiply: run(function, a, aShape, b, bShape, out, outShape) { $0 * $1 }
        case .divide: run(function, a, aShape, b, bShape, out, outShape) { $0 / $1 }
        case .equalMask: run(function, a, aShape, b, bShape, out, outShape) { $0 == $1 ? 1 : 0 }
        }
    }

    @inline(__always)
    static func run(_ function: BinaryFunction, _ a: UnsafePointer<Float>, _ aShape: Shape, _ b: UnsafePointer<Float>,
                    _ bShape: Shape, _ out: UnsafeMutablePointer<Float>, _ outShape: Shape,
                    _ body: (Float, Float) -> Float) {
        let count = outShape.elementCount
        if aShape == bShape {
            // The chunk body dispatches on the function again rather than capturing `body`: a closure that
            // crosses into the thread pool is called per element, unvectorised (4-5× slower at 2 threads).
            Parallelism.forChunks(of: count) { range in
                sameShapeApply(function, a + range.lowerBound, b + range.lowerBound, out + range.lowerBound, range.count)
            }
            return
        }
        if outShape.rank == 0 { out[0] = body(a[0], b[0]); return }
        let aStrides = broadcastStrides(of: aShape, to: outShape)
        let bStrides = broadcastStrides(of: bShape, to: outShape)
        let outStrides = outShape.strides
        let rowLength = outShape.dimensions[outShape.rank - 1]
        let aInner = aStrides[outShape.rank - 1], bInner = bStrides[outShape.rank - 1]
        forEachRow(dimensions: outShape.dimensions, strides: [aStrides, bStrides, outStrides]) { offsets in
            rows(function, a + offsets[0], aInner, b + offsets[1], bInner, out + offsets[2], rowLength, body)
        }
    }
}
