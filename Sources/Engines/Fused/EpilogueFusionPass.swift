import TensorCore

/// matmul → add(bias of the last axis) [→ relu] becomes one `MatMulBiasActivation`, when each absorbed node
/// has that single consumer and is not a graph output.
public struct EpilogueFusionPass: GraphPass {
    public init() {}
    public var name: String { "epilogue" }

    public func run(_ graph: ComputationGraph) throws -> ComputationGraph {
        let consumers = graph.consumers()
        let outputs = Set(graph.outputs.map(\.node))
        var replacement: [Int: (op: MatMulBiasActivation, inputs: [Int])] = [:]
        var absorbed = Set<Int>()
        for (index, node) in graph.nodes.enumerated() {
            guard let matmul = node.op as? MatMul, !outputs.contains(index), consumers[index].count == 1,
                  let add = consumers[index].first, Self.isFunction(graph.nodes[add], .add) else { continue }
            let addInputs = graph.nodes[add].inputs
            guard let bias = addInputs.first(where: { $0 != index }), addInputs.contains(index),
                  graph.nodes[bias].shape == Shape([node.shape[node.shape.rank - 1]]) else { continue }
            var last = add
            var activation = MatMulBiasActivation.Activation.none
            if !outputs.contains(add), consumers[add].count == 1, let next = consumers[add].first,
               let unary = graph.nodes[next].op as? ElementwiseUnary, unary.function == .relu {
                absorbed.insert(add)
                last = next
                activation = .relu
            }
            absorbed.insert(index)
            replacement[last] = (MatMulBiasActivation(matmul: matmul, activation: activation), node.inputs + [bias])
        }
        return GraphRewriter.rebuild(graph, dropping: absorbed) { index, node in
            guard let fused = replacement[index] else { return nil }
            return GraphNode(kind: .operation(fused.op), inputs: fused.inputs, shape: node.shape)
        }
    }

    static func isFunction(_ node: GraphNode, _ function: BinaryFunction) -> Bool {
        (node.op as? ElementwiseBinary)?.function == function
    }
}
