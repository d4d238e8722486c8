import Dispatch
import Engines
import OpenCLRuntime
import TensorCore

/// The fused graph lowered to OpenCL: the step is captured and fused exactly as the fused engine does it, then
/// every node becomes a device launch (tiled GEMM with epilogue, generated elementwise kernels, reductions, …).
/// Parameters, optimizer state and activations stay on the device across steps; a step uploads its batch (timed
/// apart) and reads back only the loss. Programs are built at capture, so the first step carries the compile time.
public final class OpenCLEngine: Engine {
    public let name: String
    public let model: any Layer
    public let optimizer: any Optimizer
    public let passes: [any GraphPass]
    public let context: OpenCLContext
    let store: DeviceParameterStore
    let library: KernelLibrary
    private var graphs = CompiledGraphCache<DeviceGraphExecutable>()
    private var recorded = EngineStatistics()
    private var latestTraining: DeviceGraphExecutable?
    private var scalarValues: [Float] = []

    /// Runs on `context`'s device; `passes` default to every fusion the fused engine has.
    public init(name: String = "opencl", model: any Layer, optimizer: any Optimizer, context: OpenCLContext,
                passes: [any GraphPass] = FusionOptions.device.passes) throws {
        self.name = name
        self.model = model
        self.optimizer = optimizer
        self.passes = passes
        self.context = context
        self.library = KernelLibrary(context: context)
        self.store = try DeviceParameterStore(model: model, stateSlots: optimizer.stateSlotsPerParameter, context: context)
        recorded.device = context.device.info.description
    }

    /// Selects the device `request` names; throws `OpenCLError.noPlatform` / `.noMatchingDevice`
    /// (`isDeviceUnavailable`) when this machine has none, so the caller can skip or fail the case as asked.
    public convenience init(name: String = "opencl", model: any Layer, optimizer: any Optimizer,
                            request: OpenCLDeviceRequest, profiling: Bool = false,
                            passes: [any GraphPass] = FusionOptions.device.passes) throws {
        let context = try OpenCLContext(request: request, profiling: profiling)
        try self.init(name: name, model: model, optimizer: optimizer, context: context, passes: passes)
    }

    /// Graphs (and the device buffers they hold) go before the parameter store and the context, with the queue idle.
    deinit {
        try? context.finish()
        latestTraining = nil
        graphs.removeAll()
    }

    public var statistics: EngineStatistics? {
        var current = recorded
        let memory = context.memoryCounters
        current.deviceBytes = memory.liveBytes
        current.devicePeakBytes = memory.peakLiveBytes
        current.deviceAllocations = memory.allocations
        return current
    }

    public var optimizerStateBytes: Int {
        model.parameters.reduce(0) { $0 + $1.byteCount } * optimizer.stateSlotsPerParameter
    }

    /// The launches of the latest training graph in replay order, host fallbacks prefixed "host: ".
    public var launchLabels: [String] { latestTraining?.launchLabels ?? [] }

    /// Device time per kernel launched since the last call (needs a context made with `profiling: true`).
    public func kernelTimings() throws -> [KernelTiming] { try context.kernelTimings() }

    /// Device time per kernel name from the queue's profiling events; nil unless the context profiles.
    public func takeKernelProfile() throws -> KernelProfile? {
        guard context.profilingEnabled else { return nil }
        var profile = KernelProfile()
        for timing in try context.kernelTimings() {
            profile.record(kernel: timing.kernelName, nanoseconds: UInt64(max(timing.seconds, 0) * 1e9))
        }
        return profile
    }

    private func compile(_ capture: () throws -> ComputationGraph, training: Bool) throws -> DeviceGraphExecutable {
        let start = DispatchTime.now().uptimeNanoseconds
        let buildSecondsBefore = context.buildStatistics.buildSeconds
        var graph = try capture()
        for pass in passes { graph = try pass.run(graph) }
        let executable = try DeviceGraphExecutable(graph: graph, store: store, library: library)
        try context.finish()
        recorded.captureNanoseconds += DispatchTime.now().uptimeNanoseconds - start
        recorded.programBuildNanoseconds += UInt64(max(context.buildStatistics.buildSeconds - buildSecondsBefore, 0) * 1e9)
        recorded.graphsCompiled += 1
        if training {
            recorded.nodeCount = graph.nodes.count
            recorded.kernelsPerStep = executable.kernelCount
            recorded.arenaBytes = executable.plan.arenaBytes
            recorded.naiveIntermediateBytes = executable.plan.naiveBytes
            recorded.fallbackOperations = executable.fallbackCount
        }
        return executable
    }

    public func trainStep(inputs: Tensor, labels: Tensor) throws -> Float {
        let (executable, isNew) = try graphs.trainingStep(model: model, optimizer: optimizer, inputShape: inputs.shape,
                                                          labelShape: labels.shape) { try compile($0, training: true) }
        if isNew { latestTraining = executable }
        try feed(inputs, to: .batchInputs, of: executable)
        try feed(labels, to: .batchLabels, of: executable)
        scalarValues = optimizer.nextStepScalars()
        for index in scalarValues.indices {
            guard let buffer = executable.inputBuffer(.stepScalar(index)) else { continue }
            try scalarValues.withUnsafeBufferPointer { try buffer.upload(from: UnsafeBufferPointer(rebasing: $0[index...index])) }
        }
        try executable.run(parity: store.parity)
        store.flip()
        var loss: [Float] = [.nan]
        if let buffer = executable.outputBuffer(.loss) {
            try loss.withUnsafeMutableBufferPointer { try buffer.download(into: $0) }
        }
        try context.finish()
        return loss[0]
    }

    public func infer(inputs: Tensor) throws -> Tensor {
        let executable = try graphs.inference(model: model, inputShape: inputs.shape) { try compile($0, training: false) }
        try feed(inputs, to: .batchInputs, of: executable)
        try executable.run(parity: store.parity)
        guard let logits = executable.graph.outputs.first, let output = executable.outputBuffer(.logits) else {
            throw TensorError.invalidValue(op: "\(name).infer", reason: "inference graph has no logits output")
        }
        let shape = executable.graph.nodes[logits.node].shape
        let result = TensorBuffer(count: shape.elementCount)
        try output.download(into: UnsafeMutableBufferPointer(start: result.pointer, count: shape.elementCount))
        return Tensor(shape: shape, storage: result)
    }

    /// Uploads a batch into the graph's input buffer; the time is accumulated in `uploadNanoseconds`.
    private func feed(_ tensor: Tensor, to role: InputRole, of executable: DeviceGraphExecutable) throws {
        guard let target = executable.inputBuffer(role) else { return }
        guard let source = tensor.storage else { throw TensorError.symbolicValue(op: "\(name).feed") }
        let start = DispatchTime.now().uptimeNanoseconds
        try target.upload(from: UnsafeBufferPointer(start: source.pointer, count: tensor.elementCount))
        recorded.uploadNanoseconds += DispatchTime.now().uptimeNanoseconds - start
    }

    /// Downloads the current parameters into the model (for export, evaluation by another engine, or comparison).
    /// A failed download leaves the model as it was; the error is not swallowed silently but cannot be thrown here.
    public func synchronizeModelParameters() {
        guard let values = try? store.currentParameters() else { return }
        for (parameter, value) in zip(model.parameters, values) { parameter.assign(value) }
    }
}
