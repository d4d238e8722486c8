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

/// Layer normalisation over the last axis with learned scale (ones) and shift (zeros), ε = 1e-5, as PyTorch's
/// `nn.LayerNorm(width)`.
public final class LayerNorm: Layer {
    public let gamma: Parameter
    public let beta: Parameter
    public let epsilon: Float
    public init(width: Int, epsilon: Float = 1e-5, name: String) {
        gamma = Parameter(name: "\(name).weight", value: .filled([width], value: 1))
        beta = Parameter(name: "\(name).bias", value: .zeros([width]))
        self.epsilon = epsilon
    }
    public var parameters: [Parameter] { [gamma, beta] }
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try input.layerNorm(gamma: gamma.value, beta: beta.value, epsilon: epsilon)
    }
}

/// Inverted dropout. Each training-mode call draws a fresh mask from seed `seed + k` (k = 0, 1, … counts the
/// calls), so two layers built with the same seed drop the same elements call for call; evaluation mode is the
/// identity. `reset()` restarts the mask sequence.
public final class Dropout: Layer {
    public let probability: Float
    public let seed: UInt64
    public private(set) var calls: UInt64 = 0

    public init(probability: Float, seed: UInt64) {
        self.probability = probability
        self.seed = seed
    }

    public var parameters: [Parameter] { [] }
    public func reset() { calls = 0 }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard ExecutionContext.isTraining, probability > 0 else { return input }
        defer { calls &+= 1 }
        // SplitMix64 decorrelates neighbouring seeds, so consecutive masks are independent.
        return try input.dropout(probability: probability, seed: seed &+ calls &* 0x9E37_79B9_7F4A_7C15)
    }
}
