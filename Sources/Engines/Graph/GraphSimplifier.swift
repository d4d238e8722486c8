import TensorCore

/// Clean-ups every graph engine runs after capture: outputs made distinct op nodes, constant folding, dead-code
/// elimination. Each returns a new graph in schedule order.
public enum GraphSimplifier {
    /// Gives every output its own op node: an output that is an input, a constant, or shared with another output
    /// gets a copy, so outputs can be written to their own buffers.
    public static func separateOutputs(_ graph: ComputationGraph) -> ComputationGraph {
        var result = graph
        var used = Set<Int>()
        for (position, output) in graph.outputs.enumerated() {
            let node = graph.nodes[output.node]
            let written = node.op != nil || node.producer != nil
            if written && used.insert(output.node).inserted { continue }
            result.nodes.append(GraphNode(kind: .operation(Reshape(to: node.shape)), inputs: [output.node], shape: node.shape))
            result.outputs[position].node = result.nodes.count - 1
        }
        return result
    }

    /// Evaluates ops whose inputs are all constants once, at compile time (fills, and arithmetic on them).
    public static func foldConstants(_ graph: ComputationGraph) throws -> ComputationGraph {
        var result = graph
        let outputNodes = Set(graph.outputs.map(\.node))
        for index in result.nodes.indices {
            guard let op = result.nodes[index].op, !outputNodes.contains(index) else { continue }
            var buffers: [TensorBuffer] = []
            for input in result.nodes[index].inputs {
                guard case let .constant(buffer) = result.nodes[input].kind else { break }
                buffers.append(buffer)
            }
            guard buffers.count == result.nodes[index].inputs.count else { continue }
            let shape = result.nodes[index].shape
            let output = TensorBuffer(count: shape.elementCount)
            op.execute(KernelArguments(inputs: buffers.map { UnsafePointer($0.pointer) },
                                       inputShapes: result.nodes[index].inputs.map { result.nodes[$0].shape },
                                       output: output.pointer, outputShape: shape))
            result.nodes[index] = GraphNode(kind: .constant(output), inputs: [], shape: shape)
        }
        return result
    }

    /// Drops nodes no output depends on (inputs are kept: the engine binds every role it declared).
    public static func eliminateDeadCode(_ graph: ComputationGraph) -> ComputationGraph {
        var live = [Bool](repeating: false, count: graph.nodes.count)
        var stack = graph.outputs.map(\.node)
        while let index = stack.popLast() {
            guard !live[index] else { continue }
            live[index] = true
            stack.append(contentsOf: graph.nodes[index].inputs)
        }
        for (index, node) in graph.nodes.enumerated() {
            if case .input = node.kind { live[index] = true }
        }
        // A live multi-output kernel writes all its outputs, and a live additional output needs its producer.
        for (index, node) in graph.nodes.enumerated() {
            guard let producer = node.producer else { continue }
            if live[index] && !live[producer] {
                var pending = [producer]
                while let next = pending.popLast() {
                    guard !live[next] else { continue }
                    live[next] = true
                    pending.append(contentsOf: graph.nodes[next].inputs)
                }
            }
        }
        for (index, node) in graph.nodes.enumerated() where node.producer.map({ live[$0] }) ?? false { live[index] = true }
        var renumbered = [Int](repeating: -1, count: graph.nodes.count)
        var nodes: [GraphNode] = []
        for (index, node) in graph.nodes.enumerated() where live[index] {
            var copy = node
            copy.inputs = node.inputs.map { renumbered[$0] }
            if case let .additionalOutput(producer, outputIndex) = node.kind {
                copy.kind = .additionalOutput(producer: renumbered[producer], index: outputIndex)
            }
            renumbered[index] = nodes.count
            nodes.append(copy)
        }
        return ComputationGraph(nodes: nodes, outputs: graph.outputs.map { (renumbered[$0.node], $0.role) })
    }
}
