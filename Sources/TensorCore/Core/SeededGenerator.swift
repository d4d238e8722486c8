import Foundation

/// A small, fast, seedable generator (SplitMix64) so initialisation and data are reproducible bit for bit
/// on one machine, independent of the platform's random source.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func nextUniform() -> Float { Float(next() >> 40) * (1.0 / Float(1 << 24)) }

    /// Standard normal (Box–Muller).
    public mutating func nextNormal() -> Float {
        let u1 = max(Double(next() >> 11) * (1.0 / Double(1 << 53)), .leastNonzeroMagnitude)
        let u2 = Double(next() >> 11) * (1.0 / Double(1 << 53))
        return Float((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * .pi * u2))
    }
}

extension Tensor {
    public static func uniform(_ shape: Shape, bound: Float, generator: inout SeededGenerator,
                               requiresGradient: Bool = false) -> Tensor {
        let values = (0..<shape.elementCount).map { _ in (generator.nextUniform() * 2 - 1) * bound }
        return Tensor(shape: shape, values: values, requiresGradient: requiresGradient)
    }

    public static func normal(_ shape: Shape, standardDeviation: Float = 1, generator: inout SeededGenerator) -> Tensor {
        Tensor(shape: shape, values: (0..<shape.elementCount).map { _ in generator.nextNormal() * standardDeviation })
    }
}
