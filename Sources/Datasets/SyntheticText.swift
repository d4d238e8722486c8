/// A learnable token-sequence task for sequence models (transformer, LSTM) that needs no download: each
/// sequence holds filler tokens, exactly one *keyword* and exactly one *marker* token at random positions. The
/// class is `2 · keyword + (keyword after marker ? 1 : 0)`, so it depends on which tokens the sequence contains
/// **and** on their order: a bag-of-tokens model tops out at 50 %, a model must relate positions to do better.
/// Token ids are features (as Float, shape [sequenceLength]); 0 is never used, ids 1…keywords are keywords,
/// keywords + 1 is the marker, the rest are filler. Deterministic from the seed on every platform.
public enum SyntheticText {
    /// `classes` must be even (two orders per keyword) and `vocabulary` must leave at least 2 filler tokens.
    public static func make(name: String, trainSamples: Int, testSamples: Int, vocabulary: Int, sequenceLength: Int,
                            classes: Int, seed: UInt64) throws -> LabeledDataset {
        let keywords = classes / 2
        guard classes >= 2, classes % 2 == 0, vocabulary >= keywords + 4, sequenceLength >= 2 else {
            throw DatasetError.invalidSetting(
                dataset: name,
                reason: "synthetic-text needs an even number of classes ≥ 2, a vocabulary ≥ classes/2 + 4 and sequences ≥ 2 tokens; found classes \(classes), vocabulary \(vocabulary), sequenceLength \(sequenceLength)")
        }
        var generator = DataGenerator(seed: seed)
        func split(_ count: Int) -> LabeledSplit {
            var features = [Float](repeating: 0, count: count * sequenceLength)
            var labels = [Int](repeating: 0, count: count)
            let marker = keywords + 1, firstFiller = keywords + 2
            for example in 0..<count {
                let label = Int(generator.next() % UInt64(classes))
                labels[example] = label
                let base = example * sequenceLength
                for position in 0..<sequenceLength {
                    features[base + position] = Float(firstFiller + Int(generator.next() % UInt64(vocabulary - firstFiller)))
                }
                let first = Int(generator.next() % UInt64(sequenceLength))
                var second = Int(generator.next() % UInt64(sequenceLength - 1))
                if second >= first { second += 1 }
                let (early, late) = (min(first, second), max(first, second))
                let keyword = Float(1 + label / 2)
                features[base + early] = label % 2 == 0 ? keyword : Float(marker)
                features[base + late] = label % 2 == 0 ? Float(marker) : keyword
            }
            return LabeledSplit(exampleShape: [sequenceLength], features: features, labels: labels, classes: classes)
        }
        let train = split(trainSamples)
        let test = split(testSamples)
        var dataset = LabeledDataset(name: name, train: train, test: test)
        dataset.vocabulary = vocabulary
        return dataset
    }
}
