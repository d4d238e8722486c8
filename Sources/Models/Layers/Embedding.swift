import TensorCore

/// Token ids [...] (as Float) → vectors [..., width]. Initialised as PyTorch's `nn.Embedding`: N(0, 1).
public final class Embedding: Layer {
    public let table: Parameter
    public init(vocabulary: Int, width: Int, name: String, generator: inout SeededGenerator) {
        table = Parameter(name: "\(name).weight", value: .normal([vocabulary, width], generator: &generator))
    }
    public var parameters: [Parameter] { [table] }
    public func callAsFunction(_ input: Tensor) throws -> Tensor { try table.value.embeddingLookup(input) }
}
