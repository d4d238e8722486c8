/// Carving held-out splits from data that ships as one file (a CSV) or without a validation split: a seeded
/// permutation decides membership, so the same seed always holds out the same examples.
extension LabeledDataset {
    /// Splits `all` into train and test, holding out `testFraction` (0 < f < 1) of the examples.
    public static func holdingOut(_ testFraction: Double, of all: LabeledSplit, name: String, seed: UInt64) throws -> LabeledDataset {
        let (kept, held) = try partition(all, fraction: testFraction, seed: seed, dataset: name, what: "test")
        return LabeledDataset(name: name, train: kept, test: held)
    }

    /// Moves `fraction` (0 < f < 1) of the training examples into the validation split.
    public func holdingOutValidation(_ fraction: Double, seed: UInt64) throws -> LabeledDataset {
        let (kept, held) = try Self.partition(train, fraction: fraction, seed: seed, dataset: name, what: "validation")
        var result = self
        result.train = kept
        result.validation = held
        return result
    }

    private static func partition(_ split: LabeledSplit, fraction: Double, seed: UInt64, dataset: String,
                                  what: String) throws -> (kept: LabeledSplit, held: LabeledSplit) {
        let heldCount = Int((Double(split.count) * fraction).rounded())
        guard fraction > 0, fraction < 1, heldCount >= 1, heldCount < split.count else {
            throw DatasetError.invalidSetting(
                dataset: dataset,
                reason: "a \(what) fraction of \(fraction) of \(split.count) examples leaves an empty split; expected a fraction that keeps ≥ 1 example on each side")
        }
        var generator = DataGenerator(seed: seed)
        var order = Array(0..<split.count)
        for index in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        let held = Array(order[..<heldCount]).sorted()
        let kept = Array(order[heldCount...]).sorted()
        return (split.subset(kept), split.subset(held))
    }
}
