import OpenCLRuntime
import TensorCore

extension DeviceLowering {
    /// Reshape (and a reduction over no axes): the same floats in a buffer of their own. A kernel rather than
    /// clEnqueueCopyBuffer, since both are usually views of one arena and drivers differ in how they copy those.
    func copy(_ node: BoundNode) throws -> (() throws -> Void) {
        let count = node.outputShape.elementCount
        let kernel = try stridedCopy(rank: 1)
        let (source, target) = (node.inputs[0], node.output)
        return { try kernel.encode(dimensions: [count], source: source, sourceStrides: [1], target: target, targetStrides: [1]) }
    }

    private func stridedCopy(rank: Int) throws -> StridedCopyKernel {
        try library.kernel("strided_copy \(rank)") { try StridedCopyKernel(context: $0, rank: rank) }
    }

    /// Output axis i is input axis permutation[i]: a gather through permuted input strides.
    func permute(_ node: BoundNode, _ permutation: [Int]) throws -> (() throws -> Void) {
        let inputStrides = node.inputShapes[0].strides
        guard permutation.count == inputStrides.count, permutation.allSatisfy({ inputStrides.indices.contains($0) }) else {
            throw node.failure("\(permutation) is not a permutation of the input's axes")
        }
        let kernel = try stridedCopy(rank: permutation.count)
        let dimensions = node.outputShape.dimensions, sourceStrides = permutation.map { inputStrides[$0] }
        let targetStrides = node.outputShape.strides
        let (source, target) = (node.inputs[0], node.output)
        return {
            try kernel.encode(dimensions: dimensions, source: source, sourceStrides: sourceStrides, target: target,
                              targetStrides: targetStrides)
        }
    }

    func slice(_ node: BoundNode, _ op: Slice) throws -> (() throws -> Void) {
        let strides = node.inputShapes[0].strides
        let base = zip(op.starts, strides).reduce(0) { $0 + $1.0 * $1.1 }
        let kernel = try stridedCopy(rank: strides.count)
        let dimensions = node.outputShape.dimensions, targetStrides = node.outputShape.strides
        let (source, target) = (node.inputs[0], node.output)
        return {
            try kernel.encode(dimensions: dimensions, source: source, sourceBase: base, sourceStrides: strides, target: target,
                              targetStrides: targetStrides)
        }
    }

    /// Zeros, then the input copied into the interior.
    func pad(_ node: BoundNode, _ op: Pad) throws -> (() throws -> Void) {
        let strides = node.outputShape.strides
        let base = zip(op.before, strides).reduce(0) { $0 + $1.0 * $1.1 }
        let kernel = try stridedCopy(rank: strides.count)
        let inputShape = node.inputShapes[0]
        let (source, target) = (node.inputs[0], node.output)
        return {
            try target.fill(0)
            try kernel.encode(dimensions: inputShape.dimensions, source: source, sourceStrides: inputShape.strides,
                              target: target, targetBase: base, targetStrides: strides)
        }
    }

    /// One strided copy per input into its range along the axis.
    func concat(_ node: BoundNode, _ op: Concat) throws -> (() throws -> Void) {
        let outputShape = node.outputShape
        let axis = try outputShape.normalizedAxis(op.axis, op: op.signature)
        let strides = outputShape.strides
        let kernel = try stridedCopy(rank: outputShape.rank)
        var copies: [(source: DeviceBuffer, shape: Shape, base: Int)] = []
        var offset = 0
        for (buffer, shape) in zip(node.inputs, node.inputShapes) {
            copies.append((buffer, shape, offset * strides[axis]))
            offset += shape[axis]
        }
        let target = node.output
        return {
            for copy in copies {
                try kernel.encode(dimensions: copy.shape.dimensions, source: copy.source, sourceStrides: copy.shape.strides,
                                  target: target, targetBase: copy.base, targetStrides: strides)
            }
        }
    }
}
