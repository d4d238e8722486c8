import TensorCore

/// One fused elementwise group bound to its shapes: all `outputs` (each of `outputShape`) computed in a single
/// launch from inputs of broadcast-compatible shapes. The generated program is shared through `ProgramCache` by
/// every group with the same expressions, rank and access pattern.
public struct ElementwiseKernel {
    public let outputs: [ElementwiseExpression]
    public let inputShapes: [Shape]
    public let outputShape: Shape
    public let source: String
    let accesses: [ElementwiseAccess]
    let context: OpenCLContext
    let kernel: OpenCLKernel

    public init(context: OpenCLContext, outputs: [ElementwiseExpression], inputShapes: [Shape], outputShape: Shape) throws {
        let needed = outputs.map(\.inputCount).max() ?? 0
        guard !outputs.isEmpty, needed <= inputShapes.count else {
            throw OpenCLError.invalidArgument(operation: "ElementwiseKernel",
                                              reason: "\(outputs.count) outputs reading \(needed) inputs, \(inputShapes.count) given")
        }
        accesses = try inputShapes.map { try ElementwiseAccess.of($0, broadcastTo: outputShape) }
        self.outputs = outputs
        self.inputShapes = inputShapes
        self.outputShape = outputShape
        self.context = context
        source = ElementwiseCodeGenerator.source(outputs: outputs, accesses: accesses, rank: outputShape.rank)
        let program = try context.program(source: source, label: "elementwise(\(outputs.count) outputs)")
        kernel = try program.kernel(ElementwiseCodeGenerator.kernelName)
    }

    /// Enqueues the group; buffers in the order of `inputShapes` and `outputs`.
    public func encode(inputs: [DeviceBuffer], outputs outputBuffers: [DeviceBuffer]) throws {
        let count = outputShape.elementCount
        guard inputs.count == inputShapes.count, outputBuffers.count == outputs.count,
              zip(inputs, inputShapes).allSatisfy({ $0.count >= $1.elementCount }),
              outputBuffers.allSatisfy({ $0.count >= count }) else {
            throw OpenCLError.invalidArgument(operation: "elementwise \(outputShape)",
                                              reason: "buffers do not match \(inputShapes.count) inputs / \(outputs.count) outputs")
        }
        var arguments: [KernelArgument] = [try .int(count)]
        arguments += inputs.map { .buffer($0) }
        arguments += outputBuffers.map { .buffer($0) }
        arguments += try outputShape.dimensions.map { try .int($0) }
        for access in accesses {
            if case let .strided(strides) = access { arguments += try strides.map { try .int($0) } }
        }
        let groupSize = 64
        try context.launch(kernel, globalSize: [(count + groupSize - 1) / groupSize * groupSize], localSize: [groupSize],
                           arguments: arguments)
    }
}
