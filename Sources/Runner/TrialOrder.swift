import Measurement

/// The order in which the cases of one round run: a Fisher–Yates shuffle seeded by the order seed and the
/// round index, so drift over a run (thermal, background load) does not systematically favour one engine,
/// and the order can be reproduced from the seed stored with the run.
public enum TrialOrder {
    public static func round(_ round: Int, of caseIndices: [Int], seed: UInt64) -> [Int] {
        var generator = SplitMix64(seed: SplitMix64.derivedSeed(seed, UInt64(round)))
        var order = caseIndices
        guard order.count > 1 else { return order }
        for index in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(index, generator.nextIndex(below: index + 1))
        }
        return order
    }
}

extension TrialOrder {
    /// The builds of one case in one round: this build alone, or with a baseline build both, in an order drawn
    /// from the seed, the round and the case so neither build always runs first (warm caches, turbo budget).
    static func sides(round: Int, caseIndex: Int, seed: UInt64, paired: Bool) -> [BuildSide] {
        guard paired else { return [.current] }
        var generator = SplitMix64(seed: SplitMix64.derivedSeed(seed, UInt64(round), 0xAB, UInt64(caseIndex)))
        return generator.nextIndex(below: 2) == 0 ? [.baseline, .current] : [.current, .baseline]
    }
}
