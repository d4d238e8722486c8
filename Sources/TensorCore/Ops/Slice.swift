/// A box of a tensor: on every axis the elements `starts[axis]..<ends[axis]` (NumPy `x[a:b, c:d, …]` with unit
/// steps). Its gradient pads the cotangent back to the input shape with zeros (`Pad`).
public struct Slice: PrimitiveOp {
    public let starts: [Int]
    public let ends: [Int]
    public init(starts: [Int], ends: [Int]) { self.starts = starts; self.ends = ends }

    public var signature: String { "slice(starts: \(starts), ends: \(ends))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 1 else { throw TensorError.invalidAttribute(op: "slice", shapes: inputs, reason: "expects 1 input") }
        let shape = inputs[0]
        guard starts.count == shape.rank, ends.count == shape.rank else {
            throw TensorError.invalidAttribute(op: "slice", shapes: inputs,
                                               reason: "needs one range per axis, got \(starts.count) starts and \(ends.count) ends")
        }
        for axis in 0..<shape.rank where !(0 <= starts[axis] && starts[axis] <= ends[axis] && ends[axis] <= shape[axis]) {
            throw TensorError.invalidAttribute(op: "slice", shapes: inputs,
                                               reason: "range \(starts[axis])..<\(ends[axis]) is outside axis \(axis) of size \(shape[axis])")
        }
        return Shape(zip(starts, ends).map { $1 - $0 })
    }

    public func execute(_ arguments: KernelArguments) {
        let strides = arguments.inputShapes[0].strides
        let base = zip(starts, strides).reduce(0) { $0 + $1.0 * $1.1 }
        copyBlock(dimensions: arguments.outputShape.dimensions, from: arguments.inputs[0], base: base, strides: strides,
                  to: arguments.output, base: 0, strides: arguments.outputShape.strides)
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        let shape = inputs[0].shape
        let after = (0..<shape.rank).map { shape[$0] - ends[$0] }
        return [try Tensor.apply(Pad(before: starts, after: after), [g])]
    }
}

/// Zero padding: `before[axis]` zeros ahead of and `after[axis]` zeros behind each axis (NumPy `pad`, constant 0).
/// The gradient of `Slice`; its own gradient is the slice that drops the padding.
public struct Pad: PrimitiveOp {
    public let before: [Int]
    public let after: [Int]
    public init(before: [Int], after: [Int]) { self.before = before; self.after = after }

    public var signature: String { "pad(before: \(before), after: \(after))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 1 else { throw TensorError.invalidAttribute(op: "pad", shapes: inputs, reason: "expects 1 input") }
        let shape = inputs[0]
        guard before.count == shape.rank, after.count == shape.rank, !before.contains(where: { $0 < 0 }),
              !after.contains(where: { $0 < 0 }) else {
            throw TensorError.invalidAttribute(op: "pad", shapes: inputs,
                                               reason: "needs a non-negative before/after amount per axis, got \(before) and \(after)")
        }
        return Shape((0..<shape.rank).map { before[$0] + shape[$0] + after[$0] })
    }

    public func execute(_ arguments: KernelArguments) {
        let outShape = arguments.outputShape
        arguments.output.update(repeating: 0, count: outShape.elementCount)
        let strides = outShape.strides
        let base = zip(before, strides).reduce(0) { $0 + $1.0 * $1.1 }
        let inShape = arguments.inputShapes[0]
        copyBlock(dimensions: inShape.dimensions, from: arguments.inputs[0], base: 0, strides: inShape.strides,
                  to: arguments.output, base: base, strides: strides)
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        let shape = inputs[0].shape
        let ends = (0..<shape.rank).map { before[$0] + shape[$0] }
        return [try Tensor.apply(Slice(starts: before, ends: ends), [g])]
    }
}

/// Joins tensors along one axis (all other axes equal). The gradient of each input is its slice of the cotangent.
public struct Concat: PrimitiveOp {
    public let axis: Int
    public init(axis: Int) { self.axis = axis }

    public var signature: String { "concat(axis: \(axis))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard let first = inputs.first else {
            throw TensorError.invalidAttribute(op: "concat", shapes: inputs, reason: "needs at least one input")
        }
        let resolved = try first.normalizedAxis(axis, op: "concat")
        var dimensions = first.dimensions
        dimensions[resolved] = 0
        for shape in inputs {
            guard shape.rank == first.rank,
                  (0..<first.rank).allSatisfy({ $0 == resolved || shape[$0] == first[$0] }) else {
                throw TensorError.shapeMismatch(op: "concat", shapes: inputs,
                                                reason: "all axes except \(resolved) must be equal")
            }
            dimensions[resolved] += shape[resolved]
        }
        return Shape(dimensions)
    }

    public func execute(_ arguments: KernelArguments) {
        let outShape = arguments.outputShape
        guard let resolved = try? outShape.normalizedAxis(axis, op: "concat") else { return }
        let outer = outShape.dimensions[..<resolved].reduce(1, *)
        let inner = outShape.dimensions[(resolved + 1)...].reduce(1, *)
        let outChunk = outShape[resolved] * inner
        var offset = 0
        for (input, shape) in zip(arguments.inputs, arguments.inputShapes) {
            let chunk = shape[resolved] * inner
            if chunk > 0 {
                for index in 0..<outer {
                    (arguments.output + index * outChunk + offset).update(from: input + index * chunk, count: chunk)
                }
            }
            offset += chunk
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        let resolved = try g.shape.normalizedAxis(axis, op: "concat")
        var start = 0
        return try inputs.map { input in
            let size = input.shape[resolved]
            defer { start += size }
            return try g.slice(axis: resolved, range: start..<(start + size))
        }
    }
}

/// [A, B, …] → [B, A, …]: swaps the first two axes, moving the trailing axes as contiguous blocks (one memcpy
/// each). Equal to `Permute([1, 0, 2, …])`, but block-wise, so it stays near memory bandwidth when the blocks are
/// short rows (the channel-major → NCHW step of a convolution). Its own inverse, hence its own gradient.
public struct SwapLeadingAxes: PrimitiveOp {
    public init() {}
    public var signature: String { "swap_leading_axes" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 1, inputs[0].rank >= 2 else {
            throw TensorError.shapeMismatch(op: "swap_leading_axes", shapes: inputs, reason: "expects one input of rank ≥ 2")
        }
        var dimensions = inputs[0].dimensions
        dimensions.swapAt(0, 1)
        return Shape(dimensions)
    }

    public func execute(_ arguments: KernelArguments) {
        let shape = arguments.inputShapes[0]
        let a = shape[0], b = shape[1], block = shape.elementCount / Swift.max(a * b, 1)
        let input = arguments.inputs[0], output = arguments.output
        guard block > 0 else { return }
        Parallelism.forRows(b, elementsPerRow: a * block) { rows in
            for j in rows {
                for i in 0..<a {
                    (output + (j * a + i) * block).update(from: input + (i * b + j) * block, count: block)
                }
            }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        [try Tensor.apply(SwapLeadingAxes(), [g])]
    }
}
