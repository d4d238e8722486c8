import TensorCore

/// What a graph input stands for; the engine binds each role to storage before replay.
public enum InputRole: Hashable, Sendable, CustomStringConvertible {
    case parameter(Int)
    case optimizerState(parameter: Int, slot: Int)
    case batchInputs
    case batchLabels
    case stepScalar(Int)

    public var description: String {
        switch self {
        case let .parameter(index): return "parameter[\(index)]"
        case let .optimizerState(parameter, slot): return "state[\(parameter)][\(slot)]"
        case .batchInputs: return "inputs"
        case .batchLabels: return "labels"
        case let .stepScalar(index): return "scalar[\(index)]"
        }
    }
}

/// What a graph output is for; parameters and state are written to the engine's next-step buffers.
public enum OutputRole: Hashable, Sendable, CustomStringConvertible {
    case loss
    case logits
    case parameter(Int)
    case optimizerState(parameter: Int, slot: Int)

    public var description: String {
        switch self {
        case .loss: return "loss"
        case .logits: return "logits"
        case let .parameter(index): return "parameter'[\(index)]"
        case let .optimizerState(parameter, slot): return "state'[\(parameter)][\(slot)]"
        }
    }
}

/// One value in a captured graph: an input, a constant (with its data), or an op over earlier nodes.
public struct GraphNode {
    public enum Kind {
        case input(InputRole)
        case constant(TensorBuffer)
        case operation(any PrimitiveOp)
        /// The `index`-th additional output of the multi-output op at `producer` (written by its kernel).
        case additionalOutput(producer: Int, index: Int)
    }

    public var kind: Kind
    public var inputs: [Int]
    public var shape: Shape

    public var op: (any PrimitiveOp)? {
        if case let .operation(op) = kind { return op }
        return nil
    }

    public var producer: Int? {
        if case let .additionalOutput(producer, _) = kind { return producer }
        return nil
    }

    public init(kind: Kind, inputs: [Int], shape: Shape) {
        self.kind = kind
        self.inputs = inputs
        self.shape = shape
    }

    public var byteCount: Int { shape.elementCount * MemoryLayout<Float>.stride }
}

/// A static dataflow graph in schedule order: every node's inputs come before it.
public struct ComputationGraph {
    public var nodes: [GraphNode]
    public var outputs: [(node: Int, role: OutputRole)]

    public init(nodes: [GraphNode], outputs: [(node: Int, role: OutputRole)]) {
        self.nodes = nodes
        self.outputs = outputs
    }

    public var operationCount: Int { nodes.reduce(0) { $0 + ($1.op == nil ? 0 : 1) } }

    /// Bytes the kernels read and write per replay: each op's inputs plus its output(s); `skipped` nodes (views)
    /// run no kernel.
    public func kernelBytesPerStep(skipping skipped: Set<Int> = []) -> Int {
        nodes.enumerated().reduce(0) { total, entry in
            let (index, node) = entry
            guard node.op != nil || node.producer != nil, !skipped.contains(index) else { return total }
            return total + node.byteCount + node.inputs.reduce(0) { $0 + nodes[$1].byteCount }
        }
    }

    /// Consumers of each node (indices), in schedule order.
    public func consumers() -> [[Int]] {
        var result = [[Int]](repeating: [], count: nodes.count)
        for (index, node) in nodes.enumerated() {
            for input in node.inputs { result[input].append(index) }
        }
        return result
    }
}
