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
