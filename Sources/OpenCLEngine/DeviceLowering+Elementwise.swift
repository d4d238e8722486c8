import OpenCLRuntime
import TensorCore

extension DeviceLowering {
    /// Any elementwise node — a fused group with several outputs, a single unary/binary op, or a broadcast — as one
    /// generated kernel; broadcast inputs read through their own strides, so no expanded copy is materialised.
    func elementwise(_ node: BoundNode, outputs: [ElementwiseExpression]) throws -> (() throws -> Void) {
        let expectedOutputs = 1 + node.additionalOutputs.count
        guard outputs.count == expectedOutputs else {
            throw node.failure("the program writes \(outputs.count) outputs but the graph binds \(expectedOutputs)")
        }
        let key = "elementwise \(outputs) \(node.inputShapes) → \(node.outputShape)"
        let kernel = try library.kernel(key) {
            try ElementwiseKernel(context: $0, outputs: outputs, inputShapes: node.inputShapes, outputShape: node.outputShape)
        }
        let inputs = node.inputs, targets = [node.output] + node.additionalOutputs
        return { try kernel.encode(inputs: inputs, outputs: targets) }
    }

    /// Sum or maximum over one contiguous run of axes; other axis sets take the host path.
    func reduce(_ node: BoundNode, _ op: Reduce) throws -> (() throws -> Void)? {
        let shape = node.inputShapes[0]
        let axes = try Set(op.axes.map { try shape.normalizedAxis($0, op: op.signature) }).sorted()
        guard let first = axes.first, let last = axes.last else { return try copy(node) }
        guard last - first + 1 == axes.count else { return nil }
        let outer = shape.dimensions[..<first].reduce(1, *)
        let reduced = shape.dimensions[first...last].reduce(1, *)
        let inner = shape.dimensions[(last + 1)...].reduce(1, *)
        guard reduced > 0 else { return nil }
        let kind: ReductionKernel.Kind = op.kind == .sum ? .sum : .max
        let kernel = try library.kernel("reduce \(kind.rawValue)") { try ReductionKernel(context: $0, kind: kind) }
        let (input, output) = (node.inputs[0], node.output)
        return { try kernel.encode(input: input, outer: outer, reduced: reduced, inner: inner, output: output) }
    }
}
