import Dispatch
import TensorCore

/// A planned graph bound to storage: one arena, engine-owned parameters and state, its own input and output
/// buffers. Kernel arguments are resolved once per parity at bind time, so a replay is a loop of kernel calls
/// that allocates nothing.
public final class GraphExecutable {
    public let graph: ComputationGraph
    public let plan: MemoryPlan
    private let arena: TensorBuffer
    private let ownedInputs: [InputRole: TensorBuffer]
    private let ownedOutputs: [OutputRole: TensorBuffer]
    private let operations: [any PrimitiveOp]
    /// Per operation: its signature (cut to 100 characters) and output shape, the key of a kernel profile.
    public let kernelLabels: [String]
    /// [parity][operation]
    private let arguments: [[KernelArguments]]
    public let captureNanoseconds: UInt64

    public init(graph: ComputationGraph, store: ParameterStore, captureNanoseconds: UInt64) {
        let plan = MemoryPlan(graph: graph, aliasReshapes: true)
        let arena = TensorBuffer(count: max(plan.arenaElements, 1))
        var ownedInputs: [InputRole: TensorBuffer] = [:]
        var ownedOutputs: [OutputRole: TensorBuffer] = [:]
        for node in graph.nodes {
            if case let .input(role) = node.kind {
                switch role {
                case .batchInputs, .batchLabels, .stepScalar: ownedInputs[role] = TensorBuffer(count: node.shape.elementCount)
                case .parameter, .optimizerState: break
                }
            }
        }
        for output in graph.outputs {
            switch output.role {
            case .loss, .logits: ownedOutputs[output.role] = TensorBuffer(count: graph.nodes[output.node].shape.elementCount)
            case .parameter, .optimizerState: break
            }
        }
        var operations: [any PrimitiveOp] = []
        var kernelLabels: [String] = []
        for (index, node) in graph.nodes.enumerated() where !plan.aliases.contains(index) {
            if let op = node.op {
                operations.append(op)
                kernelLabels.append(Self.kernelLabel(op, shape: node.shape))
            }
        }
        var additionalOutputs: [Int: [(index: Int, node: Int)]] = [:]
        for (index, node) in graph.nodes.enumerated() {
            if case let .additionalOutput(producer, outputIndex) = node.kind {
                additionalOutputs[producer, default: []].append((outputIndex, index))
            }
        }
        var perParity: [[KernelArguments]] = []
        for parity in 0..<2 {
            var list: [KernelArguments] = []
            for (index, node) in graph.nodes.enumerated() {
                guard node.op != nil, !plan.aliases.contains(index) else { continue }
                list.append(KernelArguments(
                    inputs: node.inputs.map { UnsafePointer(Self.pointer(for: $0, graph: graph, plan: plan, store: store,
                                                                         parity: parity, arena: arena,
                                                                         inputs: ownedInputs, outputs: ownedOutputs)) },
                    inputShapes: node.inputs.map { graph.nodes[$0].shape },
                    output: Self.pointer(for: index, graph: graph, plan: plan, store: store, parity: parity, arena: arena,
                                         inputs: ownedInputs, outputs: ownedOutputs),
                    outputShape: node.shape,
                    additionalOutputs: (additionalOutputs[index] ?? []).sorted { $0.index < $1.index }.map {
                        Self.pointer(for: $0.node, graph: graph, plan: plan, store: store, parity: parity, arena: arena,
                                     inputs: ownedInputs, outputs: ownedOutputs)
                    }))
            }
            perParity.append(list)
        }
        self.graph = graph
        self.plan = plan
        self.arena = arena
        self.ownedInputs = ownedInputs
        self.ownedOutputs = ownedOutputs
        self.operations = operations
        self.kernelLabels = kernelLabels
        self.arguments = perParity
        self.captureNanoseconds = captureNanoseconds
    }

    static func kernelLabel(_ op: any PrimitiveOp, shape: Shape) -> String {
        let signature = op.signature
        let cut = signature.count > 100 ? String(signature.prefix(99)) + "…" : signature
        return "\(cut) → \(shape)"
    }

    private static func pointer(for node: Int, graph: ComputationGraph, plan: MemoryPlan, store: ParameterStore,
                                parity: Int, arena: TensorBuffer, inputs: [InputRole: TensorBuffer],
                                outputs: [OutputRole: TensorBuffer]) -> UnsafeMutablePointer<Float> {
        switch plan.locations[node] {
        case let .arena(offset):
            return arena.pointer + offset
        case .constant:
            guard case let .constant(buffer) = graph.nodes[node].kind else { preconditionFailure("constant without data") }
            return buffer.pointer
        case let .input(role):
            switch role {
            case let .parameter(index): return store.parameter(index, parity: parity)
            case let .optimizerState(index, slot): return store.state(index, slot: slot, parity: parity)
            case .batchInputs, .batchLabels, .stepScalar:
                guard let buffer = inputs[role] else { preconditionFailure("no buffer bound for \(role)") }
                return buffer.pointer
            }
        case let .output(role):
            switch role {
            case let .parameter(index): return store.parameter(index, parity: parity ^ 1)
            case let .optimizerState(index, slot): return store.state(index, slot: slot, parity: parity ^ 1)
            case .loss, .logits:
                guard let buffer = outputs[role] else { preconditionFailure("no buffer bound for \(role)") }
                return buffer.pointer
            }
        }
    }

    /// The buffer an input role is fed through, or nil when the graph does not use that role.
    public func inputBuffer(_ role: InputRole) -> UnsafeMutablePointer<Float>? { ownedInputs[role]?.pointer }
    public func outputBuffer(_ role: OutputRole) -> UnsafeMutablePointer<Float>? { ownedOutputs[role]?.pointer }

    public func run(parity: Int) {
        let list = arguments[parity]
        for index in operations.indices { operations[index].execute(list[index]) }
    }

    /// The replay with each kernel timed on the host clock (about 40 ns of clock reads per kernel).
    public func run(parity: Int, profile: inout KernelProfile) {
        let list = arguments[parity]
        for index in operations.indices {
            let start = DispatchTime.now().uptimeNanoseconds
            operations[index].execute(list[index])
            profile.record(kernel: kernelLabels[index], nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
        }
    }

    public var kernelCount: Int { operations.count }
}
