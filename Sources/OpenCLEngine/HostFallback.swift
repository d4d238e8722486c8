import OpenCLRuntime
import TensorCore

/// An op without a device kernel, run the slow but correct way: download its inputs, run its CPU kernel, upload its
/// outputs. Host buffers are allocated once at compile time. Each such node is counted in the engine's statistics
/// (`fallbackOperations`) so a step time that includes host round trips is never mistaken for device speed.
final class HostFallback {
    let op: any PrimitiveOp
    let inputShapes: [Shape]
    let outputShape: Shape
    private let inputs: [TensorBuffer]
    private let outputs: [TensorBuffer]

    init(node: BoundNode) throws {
        op = node.op
        inputShapes = node.inputShapes
        outputShape = node.outputShape
        inputs = node.inputShapes.map { TensorBuffer(count: max($0.elementCount, 1)) }
        outputs = (0...node.additionalOutputs.count).map { _ in TensorBuffer(count: max(node.outputShape.elementCount, 1)) }
    }

    func run(inputs sources: [DeviceBuffer], output: DeviceBuffer, additionalOutputs: [DeviceBuffer]) throws {
        for (index, source) in sources.enumerated() {
            let count = inputShapes[index].elementCount
            try source.download(into: UnsafeMutableBufferPointer(start: inputs[index].pointer, count: count))
        }
        op.execute(KernelArguments(inputs: inputs.map { UnsafePointer($0.pointer) }, inputShapes: inputShapes,
                                   output: outputs[0].pointer, outputShape: outputShape,
                                   additionalOutputs: outputs.dropFirst().map(\.pointer)))
        let count = outputShape.elementCount
        for (buffer, target) in zip(outputs, [output] + additionalOutputs) {
            try target.upload(from: UnsafeBufferPointer(start: buffer.pointer, count: count))
        }
    }
}
