/// The open extension point for model building blocks: anything with parameters that maps a tensor to a tensor.
public protocol Layer: AnyObject {
    /// Parameters in a stable order (the order names them in checkpoints and optimizer state).
    var parameters: [Parameter] { get }
    func callAsFunction(_ input: Tensor) throws -> Tensor
}

extension Layer {
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.elementCount } }
    public var parameterBytes: Int { parameters.reduce(0) { $0 + $1.byteCount } }
}
