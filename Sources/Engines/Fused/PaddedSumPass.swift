import TensorCore

/// A tree of same-shape adds whose leaves include pads becomes one `PaddedSum` (each intermediate add and each
/// absorbed pad must have no other consumer and not be a graph output). Leaves that are not pads join as
/// full-shape pieces. Runs before elementwise fusion, which would otherwise fuse the adds around materialised pads.
public struct PaddedSumPass: GraphPass {
    public init() {}
    public var name: String { "padded-sums" }

    public func run(_ graph: ComputationGraph) throws -> ComputationGraph {
        let consumers = graph.consumers()
        let outputs = Set(graph.outputs.map(\.node))
        func isAdd(_ index: Int) -> Bool {
            guard (graph.nodes[index].op as? ElementwiseBinary)?.function == .add else { return false }
            return graph.nodes[index].inputs.allSatisfy { graph.nodes[$0].shape == graph.nodes[index].shape }
        }
        func isPrivate(_ index: Int) -> Bool { consumers[index].count == 1 && !outputs.contains(index) }

        var replacement: [Int: (PaddedSum, [Int])] = [:]
        var dropped = Set<Int>()
        for root in graph.nodes.indices.reversed() where isAdd(root) && !dropped.contains(root) {
            let shape = graph.nodes[root].shape
            var pieces: [(source: Int, offset: [Int])] = []
            var absorbed: [Int] = []
            func collect(_ index: Int) {
                for input in graph.nodes[index].inputs {
                    if isAdd(input) && isPrivate(input) && graph.nodes[input].shape == shape {
                        absorbed.append(input)
                        collect(input)
                    } else if let pad = graph.nodes[input].op as? Pad, isPrivate(input) {
                        absorbed.append(input)
                        pieces.append((graph.nodes[input].inputs[0], pad.before))
                    } else {
                        pieces.append((input, [Int](repeating: 0, count: shape.rank)))
                    }
                }
            }
            collect(root)
            guard absorbed.contains(where: { graph.nodes[$0].op is Pad }) else { continue }
            let op = PaddedSum(offsets: pieces.map(\.offset), sourceShapes: pieces.map { graph.nodes[$0.source].shape },
                               shape: shape)
            replacement[root] = (op, pieces.map(\.source))
            dropped.formUnion(absorbed)
        }
        guard !replacement.isEmpty else { return graph }
        return GraphRewriter.rebuild(graph, dropping: dropped) { index, node in
            guard let (op, inputs) = replacement[index] else { return nil }
            return GraphNode(kind: .operation(op), inputs: inputs, shape: node.shape)
        }
    }
}
