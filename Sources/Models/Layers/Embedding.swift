import TensorCore

/// Token ids [...] (as Float) → vectors [..., width]. Initialised as PyTorch's `nn.Embedding`: N(0, 1).
public final class Embedding: Layer {
    public let table: Parameter
    public init(vocabulary: Int, width: Int, name: String, generator: inout SeededGenerator) {
        table = Parameter(name: "\(name).weight", value: .normal([vocabulary, width], generator: &generator))
    }
    /// An embedding over a given table [vocabulary, width] (a family with its own initialisation, e.g. BERT's).
    public init(table: Parameter) { self.table = table }
    public var parameters: [Parameter] { [table] }
    public func callAsFunction(_ input: Tensor) throws -> Tensor { try table.value.embeddingLookup(input) }
}
