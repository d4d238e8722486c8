/// Rebuilds a graph in schedule order, dropping absorbed nodes and replacing others, with every input and output
/// renumbered. `replace` returns the new node for an index (inputs in old numbering), or nil to keep it.
enum GraphRewriter {
    static func rebuild(_ graph: ComputationGraph, dropping dropped: Set<Int>,
                        replace: (Int, GraphNode) -> GraphNode?,
                        additionalOutputs: (Int) -> [Int] = { _ in [] }) -> ComputationGraph {
        var renumbered = [Int](repeating: -1, count: graph.nodes.count)
        var nodes: [GraphNode] = []
        for (index, node) in graph.nodes.enumerated() where !dropped.contains(index) {
            var copy = replace(index, node) ?? node
            copy.inputs = copy.inputs.map { renumbered[$0] }
            if case let .additionalOutput(producer, outputIndex) = copy.kind {
                copy.kind = .additionalOutput(producer: renumbered[producer], index: outputIndex)
            }
            renumbered[index] = nodes.count
            nodes.append(copy)
            let producer = nodes.count - 1
            for (outputIndex, original) in additionalOutputs(index).enumerated() {
                nodes.append(GraphNode(kind: .additionalOutput(producer: producer, index: outputIndex), inputs: [],
                                       shape: graph.nodes[original].shape))
                renumbered[original] = nodes.count - 1
            }
        }
        return ComputationGraph(nodes: nodes, outputs: graph.outputs.map { (renumbered[$0.node], $0.role) })
    }
}
