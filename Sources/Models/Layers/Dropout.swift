import TensorCore

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
