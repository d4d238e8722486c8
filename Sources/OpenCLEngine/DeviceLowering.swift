import Engines
import OpenCLRuntime
import TensorCore

/// One graph node bound to device buffers: what a lowering rule needs to enqueue its kernel.
struct BoundNode {
    let index: Int
    let op: any PrimitiveOp
    let inputs: [DeviceBuffer]
    let inputShapes: [Shape]
    let output: DeviceBuffer
    let outputShape: Shape
    /// Further outputs of a multi-output op (fused groups), in `additionalOutput` index order.
    let additionalOutputs: [DeviceBuffer]

    func failure(_ reason: String) -> OpenCLEngineError {
        .lowering(op: op.signature, shapes: inputShapes + [outputShape], reason: reason)
    }
}

/// Turns each node of a fused graph into a `DeviceLaunch`: a device kernel where one exists (GEMM with epilogue,
/// generated elementwise groups, reductions, softmax, cross-entropy, layer norm, embedding, im2col, pooling, data
/// movement), otherwise a counted host fallback. Kernels are built here, at compile time, never during replay.
final class DeviceLowering {
    let library: KernelLibrary
    /// Device scratch owned by a node (cross-entropy row losses), shared by both parities' launches.
    private var scratch: [Int: DeviceBuffer] = [:]
    private var fallbacks: [Int: HostFallback] = [:]
    /// Nodes that run on the host.
    private(set) var fallbackNodes = Set<Int>()

    init(library: KernelLibrary) { self.library = library }

    var context: OpenCLContext { library.context }

    func launch(for node: BoundNode) throws -> DeviceLaunch {
        if let encode = try deviceEncoder(for: node) {
            return DeviceLaunch(label: node.op.signature, isFallback: false, encode: encode)
        }
        fallbackNodes.insert(node.index)
        let fallback = try fallbacks[node.index] ?? HostFallback(node: node)
        fallbacks[node.index] = fallback
        return DeviceLaunch(label: node.op.signature, isFallback: true) {
            try fallback.run(inputs: node.inputs, output: node.output, additionalOutputs: node.additionalOutputs)
        }
    }

    /// The device encoder for the node's op, or nil when the op has no device kernel (it then runs on the host).
    private func deviceEncoder(for node: BoundNode) throws -> (() throws -> Void)? {
        switch node.op {
        case let op as MatMul: return try matmul(node, op, bias: nil, activation: .none)
        case let op as MatMulBiasActivation:
            return try matmul(node, op.matmul, bias: node.inputs[2], activation: op.activation == .relu ? .relu : .none)
        case let op as FusedElementwise: return try elementwise(node, outputs: op.program.expressions())
        case let op as ElementwiseUnary: return try elementwise(node, outputs: [.unary(op.function, .input(0))])
        case let op as ElementwiseBinary: return try elementwise(node, outputs: [.binary(op.function, .input(0), .input(1))])
        case is Expand: return try elementwise(node, outputs: [.input(0)])
        case let op as Reduce: return try reduce(node, op)
        case let op as Softmax: return try softmax(node, op)
        case is SoftmaxCrossEntropy: return try softmaxCrossEntropy(node)
        case let op as OneHot: return try oneHot(node, op)
        case let op as LayerNormalization: return try layerNormalization(node, epsilon: op.epsilon, backward: false)
        case let op as LayerNormalizationBackward: return try layerNormalization(node, epsilon: op.epsilon, backward: true)
        case is EmbeddingLookup: return try embeddingLookup(node)
        case let op as EmbeddingScatterAdd: return try embeddingScatterAdd(node, op)
        case let op as Im2Col: return try im2col(node, window: op.window, fold: false, imageShape: node.inputShapes[0])
        case let op as Col2Im: return try im2col(node, window: op.window, fold: true, imageShape: op.imageShape)
        case let op as MaxPooling2D: return try pooling(node, .max, window: op.window, backward: false, imageShape: node.inputShapes[0])
        case let op as MaxPooling2DBackward:
            return try pooling(node, .max, window: op.window, backward: true, imageShape: node.inputShapes[0])
        case let op as AveragePooling2D:
            return try pooling(node, .average, window: op.window, backward: false, imageShape: node.inputShapes[0])
        case let op as AveragePooling2DBackward:
            return try pooling(node, .average, window: op.window, backward: true, imageShape: op.imageShape)
        case is Reshape: return try copy(node)
        case let op as Fill: return { try node.output.fill(op.value) }
        case let op as Permute: return try permute(node, op.permutation)
        case is SwapLeadingAxes:
            return try permute(node, [1, 0] + Array(2..<max(node.inputShapes[0].rank, 2)))
        case let op as Slice: return try slice(node, op)
        case let op as Pad: return try pad(node, op)
        case let op as Concat: return try concat(node, op)
        default: return nil
        }
    }

    /// A device buffer of `count` floats owned by `node`, allocated once at compile time.
    func scratch(for node: BoundNode, count: Int) throws -> DeviceBuffer {
        if let existing = scratch[node.index], existing.count >= count { return existing }
        let buffer = try context.makeBuffer(count: count)
        scratch[node.index] = buffer
        return buffer
    }
}
