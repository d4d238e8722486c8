import TensorCore

/// Captures the whole training step once per input shape, rewrites it with its passes, plans its memory, and
/// replays it without allocating. With only the simplification pass this is the *traced* engine (capture and
/// planning without fusion, like tf.function without XLA); with fusion passes it is the *fused* engine.
public final class GraphEngine: Engine {
    public let name: String
    public let model: any Layer
    public let optimizer: any Optimizer
    public let passes: [any GraphPass]
    public let store: ParameterStore
    private var graphs = CompiledGraphCache<GraphExecutable>()
    private var recorded = EngineStatistics()
    /// Times every kernel of every replay when set (the protocol's `"profileKernels": true`).
    public let profilesKernels: Bool
    private var profile = KernelProfile()

    public init(name: String, model: any Layer, optimizer: any Optimizer, passes: [any GraphPass],
                profilesKernels: Bool = false) throws {
        self.name = name
        self.profilesKernels = profilesKernels
        self.model = model
        self.optimizer = optimizer
        self.passes = passes
        self.store = try ParameterStore(model: model, stateSlots: optimizer.stateSlotsPerParameter)
    }

    public var statistics: EngineStatistics? { recorded }
    public var optimizerStateBytes: Int {
        model.parameters.reduce(0) { $0 + $1.byteCount } * optimizer.stateSlotsPerParameter
    }

    private func compile(_ capture: () throws -> ComputationGraph, training: Bool) throws -> GraphExecutable {
        let start = DispatchTimeNanoseconds.now()
        var graph = try capture()
        for pass in passes { graph = try pass.run(graph) }
        let executable = GraphExecutable(graph: graph, store: store, captureNanoseconds: 0)
        let elapsed = DispatchTimeNanoseconds.now() - start
        recorded.captureNanoseconds += elapsed
        recorded.graphsCompiled += 1
        if training || recorded.nodeCount == 0 {
            recorded.kernelBytesPerStep = graph.kernelBytesPerStep(skipping: executable.plan.aliases)
            recorded.nodeCount = graph.nodes.count
            recorded.kernelsPerStep = executable.kernelCount
            recorded.interpretedKernelsPerStep = graph.nodes.filter { $0.op is FusedElementwise }.count
            recorded.arenaBytes = executable.plan.arenaBytes
            recorded.naiveIntermediateBytes = executable.plan.naiveBytes
        }
        return executable
    }

    public func trainStep(inputs: Tensor, labels: Tensor) throws -> Float {
        let executable = try graphs.trainingStep(model: model, optimizer: optimizer, inputShape: inputs.shape,
                                                 labelShape: labels.shape) { try compile($0, training: true) }.executable
        try feed(inputs, to: .batchInputs, of: executable)
        try feed(labels, to: .batchLabels, of: executable)
        for (index, value) in optimizer.nextStepScalars().enumerated() {
            executable.inputBuffer(.stepScalar(index))?.pointee = value
        }
        replay(executable)
        store.flip()
        return executable.outputBuffer(.loss)?.pointee ?? .nan
    }

    public func infer(inputs: Tensor) throws -> Tensor {
        let executable = try graphs.inference(model: model, inputShape: inputs.shape) { try compile($0, training: false) }
        try feed(inputs, to: .batchInputs, of: executable)
        replay(executable)
        guard let logits = executable.graph.outputs.first, let output = executable.outputBuffer(.logits) else {
            throw TensorError.invalidValue(op: "infer", reason: "inference graph has no logits output")
        }
        // A copy: the graph's output buffer is overwritten by the next replay.
        let shape = executable.graph.nodes[logits.node].shape
        let result = TensorBuffer(count: shape.elementCount)
        result.pointer.update(from: output, count: shape.elementCount)
        return Tensor(shape: shape, storage: result)
    }

    private func replay(_ executable: GraphExecutable) {
        if profilesKernels {
            executable.run(parity: store.parity, profile: &profile)
        } else {
            executable.run(parity: store.parity)
        }
    }

    public func takeKernelProfile() throws -> KernelProfile? {
        guard profilesKernels else { return nil }
        defer { profile = KernelProfile() }
        return profile
    }

    private func feed(_ tensor: Tensor, to role: InputRole, of executable: GraphExecutable) throws {
        guard let target = executable.inputBuffer(role) else { return }
        guard let source = tensor.storage else { throw TensorError.symbolicValue(op: "\(name).feed") }
        target.update(from: source.pointer, count: tensor.elementCount)
    }

    /// Writes the engine's current parameters back into the model (for export or evaluation by another engine).
    public func synchronizeModelParameters() {
        for (parameter, value) in zip(model.parameters, store.currentParameters()) { parameter.assign(value) }
    }
}

/// Monotonic nanoseconds without depending on the Measurement layer.
enum DispatchTimeNanoseconds {
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}

import Dispatch
