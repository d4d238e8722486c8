/// A tiny seeded random generator (SplitMix64) for everything the harness randomises: bootstrap
/// resampling, the interleaved trial order and server-scenario arrival times.
///
/// Statistics and schedules must be reproducible from a stored seed on any platform; the system
/// generator is neither seedable nor stable across platforms.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Uniform in 0..<bound (bound ≥ 1), by multiply-shift (Lemire); the bias is below 2⁻³² for the
    /// sample sizes used here.
    public mutating func nextIndex(below bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Mixes several values into one seed, so that streams for different purposes do not overlap.
    public static func derivedSeed(_ parts: UInt64...) -> UInt64 {
        var generator = SplitMix64(seed: 0x243F_6A88_85A3_08D3)
        var seed: UInt64 = 0
        for part in parts {
            generator = SplitMix64(seed: generator.next() ^ part)
            seed = generator.next()
        }
        return seed
    }
}
