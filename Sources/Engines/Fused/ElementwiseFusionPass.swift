import TensorCore

/// Groups elementwise ops (unary, binary, broadcasts) into `FusedElementwise` kernels, walking backwards from
/// consumers to producers: a producer joins its consumers' group when every consumer is in that group and it
/// has the group's shape. A producer that is a graph output joins as an additional output when
/// `multipleOutputs` is on (an optimizer's new state and new parameter then come from one pass). Groups of one
/// op stay as they were: fusing them saves nothing. With `absorbsReductions`, a group whose only consumer is a
/// sum over leading or trailing axes becomes one `FusedReduction` with it (even a group of one op: the summed
/// tensor then never reaches memory).
public struct ElementwiseFusionPass: GraphPass {
    public let multipleOutputs: Bool
    public let absorbsReductions: Bool
    public init(multipleOutputs: Bool = true, absorbsReductions: Bool = true) {
        self.multipleOutputs = multipleOutputs
        self.absorbsReductions = absorbsReductions
    }
    public var name: String { "elementwise" }

    struct Group {
        var root: Int
        var members: [Int]
        var additionalOutputs: [Int] = []
    }

    static func isFusible(_ node: GraphNode) -> Bool {
        node.op is ElementwiseUnary || node.op is ElementwiseBinary || node.op is Expand
    }

    public func run(_ graph: ComputationGraph) throws -> ComputationGraph {
        let consumers = graph.consumers()
        let outputs = Set(graph.outputs.map(\.node))
        var groupOf = [Int](repeating: -1, count: graph.nodes.count)
        var groups: [Group] = []
        for index in graph.nodes.indices.reversed() where Self.isFusible(graph.nodes[index]) {
            let users = consumers[index]
            if let first = users.first, groupOf[first] >= 0, users.allSatisfy({ groupOf[$0] == groupOf[first] }),
               graph.nodes[groups[groupOf[first]].root].shape == graph.nodes[index].shape,
               !outputs.contains(index) || multipleOutputs {
                let group = groupOf[first]
                groups[group].members.append(index)
                if outputs.contains(index) { groups[group].additionalOutputs.append(index) }
                groupOf[index] = group
            } else {
                groupOf[index] = groups.count
                groups.append(Group(root: index, members: [index]))
            }
        }
        var fusedAt: [Int: (any PrimitiveOp, [Int], [Int])] = [:]
        var dropped = Set<Int>()
        for group in groups {
            if absorbsReductions, let (reduction, inputs, sum) = Self.absorbingReduction(group, graph: graph,
                                                                                          consumers: consumers, outputs: outputs) {
                fusedAt[sum] = (reduction, inputs, [])
                dropped.formUnion(group.members)
                continue
            }
            guard group.members.count > 1 else { continue }
            let (op, inputs) = Self.compile(group, graph: graph)
            fusedAt[group.root] = (op, inputs, group.additionalOutputs.sorted())
            dropped.formUnion(group.members.filter { $0 != group.root })
        }
        return GraphRewriter.rebuild(graph, dropping: dropped, replace: { index, node in
            guard let (op, inputs, _) = fusedAt[index] else { return nil }
            return GraphNode(kind: .operation(op), inputs: inputs, shape: node.shape)
        }, additionalOutputs: { fusedAt[$0]?.2 ?? [] })
    }

    /// The group compiled with its consumer when that is its only consumer and a sum the kernel supports.
    static func absorbingReduction(_ group: Group, graph: ComputationGraph, consumers: [[Int]],
                                   outputs: Set<Int>) -> (FusedReduction, [Int], Int)? {
        guard group.additionalOutputs.isEmpty, !outputs.contains(group.root), consumers[group.root].count == 1,
              let sum = consumers[group.root].first, let reduce = graph.nodes[sum].op as? Reduce, reduce.kind == .sum
        else { return nil }
        let shape = graph.nodes[group.root].shape
        guard let axes = try? reduce.resolvedAxes(shape) else { return nil }
        let (elementwise, inputs) = compile(group, graph: graph)
        guard let reduction = FusedReduction(program: elementwise.program, shape: shape,
                                             inputShapes: inputs.map { graph.nodes[$0].shape }, summedAxes: axes,
                                             reducedShape: graph.nodes[sum].shape) else { return nil }
        return (reduction, inputs, sum)
    }

    /// Straight-line code for a group, members in schedule order; external inputs become loads (deduplicated).
    static func compile(_ group: Group, graph: ComputationGraph) -> (FusedElementwise, [Int]) {
        let members = Set(group.members)
        var instructions: [ElementwiseProgram.Instruction] = []
        var register: [Int: Int] = [:]
        var externalInputs: [Int] = []
        var loadRegister: [Int: Int] = [:]
        func operand(_ node: Int) -> Int {
            if members.contains(node), let existing = register[node] { return existing }
            if let existing = loadRegister[node] { return existing }
            externalInputs.append(node)
            instructions.append(.load(input: externalInputs.count - 1))
            loadRegister[node] = instructions.count - 1
            return instructions.count - 1
        }
        for member in group.members.sorted() {
            let node = graph.nodes[member]
            switch node.op {
            case let unary as ElementwiseUnary:
                instructions.append(.unary(unary.function, operand(node.inputs[0])))
            case let binary as ElementwiseBinary:
                let a = operand(node.inputs[0]), b = operand(node.inputs[1])
                instructions.append(.binary(binary.function, a, b))
            default:  // Expand: the broadcast happens in the load.
                register[member] = operand(node.inputs[0])
                continue
            }
            register[member] = instructions.count - 1
        }
        let outputRegisters = ([group.root] + group.additionalOutputs.sorted()).map { register[$0] ?? 0 }
        let program = ElementwiseProgram(instructions: instructions, outputs: outputRegisters)
        return (FusedElementwise(program: program, shape: graph.nodes[group.root].shape,
                                 inputShapes: externalInputs.map { graph.nodes[$0].shape }), externalInputs)
    }
}
