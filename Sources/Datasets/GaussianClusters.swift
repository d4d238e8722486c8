import Foundation

/// A learnable synthetic classification set: one Gaussian blob per class. Class centres are drawn from N(0, 1)
/// per feature and each example adds N(0, noise²) per feature, so `noise` dials the difficulty; with the
/// defaults an MLP separates the classes well above chance. Deterministic from the seed on every platform.
public enum GaussianClusters {
    public static func make(name: String, features: Int, classes: Int, trainSamples: Int, testSamples: Int,
                            noise: Double, seed: UInt64) -> LabeledDataset {
        var generator = DataGenerator(seed: seed)
        let centres = (0..<(classes * features)).map { _ in generator.nextNormal() }
        func split(_ count: Int) -> LabeledSplit {
            var values = [Float]()
            values.reserveCapacity(count * features)
            var labels = [Int]()
            labels.reserveCapacity(count)
            for _ in 0..<count {
                let label = Int(generator.next() % UInt64(classes))
                labels.append(label)
                for feature in 0..<features {
                    values.append(Float(centres[label * features + feature] + noise * generator.nextNormal()))
                }
            }
            return LabeledSplit(exampleShape: [features], features: values, labels: labels, classes: classes)
        }
        let train = split(trainSamples)
        let test = split(testSamples)
        return LabeledDataset(name: name, train: train, test: test)
    }
}

/// SplitMix64 with Box–Muller normals in Double, for data generation.
struct DataGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func nextUniform() -> Double { Double(next() >> 11) * (1.0 / Double(1 << 53)) }

    mutating func nextNormal() -> Double {
        let u1 = max(nextUniform(), .leastNonzeroMagnitude)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * nextUniform())
    }
}
