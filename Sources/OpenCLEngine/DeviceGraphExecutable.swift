import Engines
import Foundation
import OpenCLRuntime
import TensorCore

/// A planned graph bound to device storage: one arena buffer carved into per-node views at the memory plan's
/// offsets (aligned for sub-buffers), the engine's double-buffered parameters and state, and its own batch,
/// scalar and output buffers. Every launch is lowered once per parity at bind time, so a replay enqueues kernels
/// and allocates nothing on the device.
final class DeviceGraphExecutable {
    let graph: ComputationGraph
    let plan: MemoryPlan
    private let arena: DeviceBuffer
    private var ownedInputs: [InputRole: DeviceBuffer]
    private var ownedOutputs: [OutputRole: DeviceBuffer]
    /// Views, constants and scratch, kept alive for the launches that use them.
    private var retained: [DeviceBuffer]
    /// [parity][launch]
    private var launches: [[DeviceLaunch]]
    /// Nodes that run on the host each replay.
    let fallbackCount: Int

    init(graph: ComputationGraph, store: DeviceParameterStore, library: KernelLibrary) throws {
        let context = library.context
        let alignment = context.viewAlignmentElements
        let plan = MemoryPlan(graph: graph, alignment: alignment)
        let arena = try context.makeBuffer(count: max(plan.arenaElements + alignment, 1))
        var retained: [DeviceBuffer] = []
        var fixed: [Int: DeviceBuffer] = [:]  // the same buffer at both parities: views, constants, batch, outputs
        var ownedInputs: [InputRole: DeviceBuffer] = [:], ownedOutputs: [OutputRole: DeviceBuffer] = [:]
        for (index, node) in graph.nodes.enumerated() {
            switch plan.locations[index] {
            case let .arena(offset):
                fixed[index] = Self.usesSeparateBuffers(on: context)
                    ? try context.makeBuffer(count: node.shape.elementCount)
                    : try arena.view(offset: offset, count: node.shape.elementCount)
            case .constant:
                guard case let .constant(values) = node.kind else { continue }
                let buffer = try context.makeBuffer(count: node.shape.elementCount)
                try buffer.upload(from: UnsafeBufferPointer(start: values.pointer, count: node.shape.elementCount))
                fixed[index] = buffer
            case let .input(role):
                switch role {
                case .batchInputs, .batchLabels, .stepScalar:
                    let buffer = try ownedInputs[role] ?? context.makeBuffer(count: node.shape.elementCount)
                    ownedInputs[role] = buffer
                    fixed[index] = buffer
                case .parameter, .optimizerState: break
                }
            case let .output(role):
                switch role {
                case .loss, .logits:
                    let buffer = try context.makeBuffer(count: node.shape.elementCount)
                    ownedOutputs[role] = buffer
                    fixed[index] = buffer
                case .parameter, .optimizerState: break
                }
            }
        }
        retained += fixed.values
        var additionalOutputs: [Int: [(index: Int, node: Int)]] = [:]
        for (index, node) in graph.nodes.enumerated() {
            if case let .additionalOutput(producer, outputIndex) = node.kind {
                additionalOutputs[producer, default: []].append((outputIndex, index))
            }
        }
        let lowering = DeviceLowering(library: library)
        var perParity: [[DeviceLaunch]] = []
        for parity in 0..<2 {
            func buffer(_ node: Int) -> DeviceBuffer {
                if let bound = fixed[node] { return bound }
                switch plan.locations[node] {
                case let .input(.parameter(index)): return store.parameter(index, parity: parity)
                case let .input(.optimizerState(index, slot)): return store.state(index, slot: slot, parity: parity)
                case let .output(.parameter(index)): return store.parameter(index, parity: parity ^ 1)
                case let .output(.optimizerState(index, slot)): return store.state(index, slot: slot, parity: parity ^ 1)
                default: preconditionFailure("node \(node) has no device storage (plan location \(plan.locations[node]))")
                }
            }
            var list: [DeviceLaunch] = []
            for (index, node) in graph.nodes.enumerated() {
                guard let op = node.op else { continue }
                let extra = (additionalOutputs[index] ?? []).sorted { $0.index < $1.index }.map { buffer($0.node) }
                list.append(try lowering.launch(for: BoundNode(
                    index: index, op: op, inputs: node.inputs.map(buffer), inputShapes: node.inputs.map { graph.nodes[$0].shape },
                    output: buffer(index), outputShape: node.shape, additionalOutputs: extra)))
            }
            perParity.append(list)
        }
        self.graph = graph
        self.plan = plan
        self.arena = arena
        self.ownedInputs = ownedInputs
        self.ownedOutputs = ownedOutputs
        self.retained = retained
        self.launches = perParity
        self.fallbackCount = lowering.fallbackNodes.count
    }

    /// Tears down in dependency order once the queue is idle: launches (which hold kernels and buffers) first,
    /// then the per-node views, then the arena they view. NVIDIA's driver faulted releasing buffers in Swift's
    /// default member order at the end of a trial (seen on an H200, driver 580.159).
    deinit {
        try? arena.context.finish()
        launches = []
        ownedInputs = [:]
        ownedOutputs = [:]
        retained = []
    }

    func inputBuffer(_ role: InputRole) -> DeviceBuffer? { ownedInputs[role] }
    func outputBuffer(_ role: OutputRole) -> DeviceBuffer? { ownedOutputs[role] }

    /// Enqueues every launch of the step (host fallbacks synchronise as they download).
    func run(parity: Int) throws {
        if Self.tracing { return try trace(parity: parity) }
        for launch in launches[parity] { try launch.encode() }
    }

    /// How planned values are bound: as sub-buffer views of one arena (the plan's memory saving, used on CPU
    /// devices), or one buffer each (used on GPUs: NVIDIA's driver 580.159 faulted in clReleaseMemObject when an
    /// engine holding arena views was torn down, reproduced on an H200; separate buffers ran clean).
    /// DLBENCH_OPENCL_ARENA=views|buffers overrides the choice.
    static func usesSeparateBuffers(on context: OpenCLContext) -> Bool {
        switch ProcessInfo.processInfo.environment["DLBENCH_OPENCL_ARENA"] {
        case "buffers": return true
        case "views": return false
        default: return context.device.info.isGPU
        }
    }

    /// DLBENCH_OPENCL_TRACE=1: each launch is named on stderr and waited for, so a driver fault points at its node.
    static let tracing = ProcessInfo.processInfo.environment["DLBENCH_OPENCL_TRACE"].map { !$0.isEmpty && $0 != "0" } ?? false

    private func trace(parity: Int) throws {
        for (index, launch) in launches[parity].enumerated() {
            FileHandle.standardError.write(Data("opencl trace: launch \(index) \(launch.label)\n".utf8))
            try launch.encode()
            try arena.context.finish()
        }
    }

    var kernelCount: Int { launches.first?.count ?? 0 }
    /// The op signature of each launch, host fallbacks marked, in replay order.
    var launchLabels: [String] { (launches.first ?? []).map { $0.isFallback ? "host: \($0.label)" : $0.label } }
}
