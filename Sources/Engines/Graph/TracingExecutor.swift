import TensorCore

/// Records ops instead of running them: each applied op becomes a graph node, and an op already applied to the
/// same inputs with the same attributes returns the existing node (common subexpressions merge). Concrete tensors
/// that model code creates during capture (a constant index table, say) become constant nodes.
public final class TracingExecutor: OpExecutor {
    public private(set) var nodes: [GraphNode] = []
    private var interned: [String: Tensor] = [:]
    private var constantNodes: [ObjectIdentifier: Int] = [:]

    public init() {}

    /// A symbolic input of the given role.
    public func placeholder(_ shape: Shape, role: InputRole, requiresGradient: Bool = false) -> Tensor {
        nodes.append(GraphNode(kind: .input(role), inputs: [], shape: shape))
        let tensor = Tensor(shape: shape, storage: nil, requiresGradient: requiresGradient)
        tensor.symbol = nodes.count - 1
        return tensor
    }

    public func node(of tensor: Tensor) -> Int {
        if let symbol = tensor.symbol { return symbol }
        guard let storage = tensor.storage else { preconditionFailure("symbolic tensor without a graph node") }
        if let existing = constantNodes[ObjectIdentifier(storage)] { return existing }
        nodes.append(GraphNode(kind: .constant(storage), inputs: [], shape: tensor.shape))
        constantNodes[ObjectIdentifier(storage)] = nodes.count - 1
        return nodes.count - 1
    }

    public func execute(_ op: any PrimitiveOp, inputs: [Tensor], outputShape: Shape) throws -> Tensor {
        let inputNodes = inputs.map(node(of:))
        let key = op.signature + "|" + inputNodes.map(String.init).joined(separator: ",")
        if let existing = interned[key] { return existing }
        nodes.append(GraphNode(kind: .operation(op), inputs: inputNodes, shape: outputShape))
        let recordsGradient = ExecutionContext.isRecordingGradients && inputs.contains(where: \.requiresGradient)
        let tensor = Tensor(shape: outputShape, storage: nil,
                            origin: recordsGradient ? TensorOrigin(op: op, inputs: inputs) : nil,
                            requiresGradient: recordsGradient)
        tensor.symbol = nodes.count - 1
        interned[key] = tensor
        return tensor
    }
}
