/// A rewrite of a captured graph. Graph engines differ only in the passes they run, so an ablation is a
/// different pass list over the same capture.
public protocol GraphPass {
    var name: String { get }
    func run(_ graph: ComputationGraph) throws -> ComputationGraph
}

/// The clean-ups every graph engine runs: distinct outputs, constant folding, dead-code elimination.
public struct SimplificationPass: GraphPass {
    public init() {}
    public var name: String { "simplify" }
    public func run(_ graph: ComputationGraph) throws -> ComputationGraph {
        GraphSimplifier.eliminateDeadCode(try GraphSimplifier.foldConstants(GraphSimplifier.separateOutputs(graph)))
    }
}
