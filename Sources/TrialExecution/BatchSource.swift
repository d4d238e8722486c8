import Datasets
import TensorCore

/// Cuts a split into batch tensors outside the timed region: per-epoch seeded shuffling for training,
/// cyclic order for inference.
struct BatchSource {
    let split: LabeledSplit
    let batchSize: Int
    private var order: [Int]
    private var position = 0
    private var generator: SeededGenerator
    let shuffles: Bool

    init(split: LabeledSplit, batchSize: Int, seed: UInt64, shuffles: Bool) {
        self.split = split
        self.batchSize = batchSize
        self.order = Array(0..<split.count)
        self.generator = SeededGenerator(seed: seed)
        self.shuffles = shuffles
        if shuffles { order.shuffle(using: &generator) }
    }

    var stepsPerEpoch: Int { (split.count + batchSize - 1) / batchSize }

    /// The example indices of the next batch; the last batch of an epoch may be smaller (it is not padded).
    /// External engines receive exactly these (see `ExternalHandOff`), so they see the batches eager sees.
    mutating func nextIndices() -> [Int] {
        if position >= order.count {
            position = 0
            if shuffles { order.shuffle(using: &generator) }
        }
        let end = shuffles ? min(position + batchSize, order.count) : position + batchSize
        let indices = (position..<end).map { order[$0 % order.count] }
        position = end
        return indices
    }

    /// The next batch; the last batch of an epoch may be smaller (it is not padded).
    mutating func next() -> (inputs: Tensor, labels: Tensor) {
        let indices = nextIndices()
        let size = split.exampleSize
        var features = [Float](repeating: 0, count: indices.count * size)
        var labels = [Float](repeating: 0, count: indices.count)
        split.features.withUnsafeBufferPointer { source in
            features.withUnsafeMutableBufferPointer { target in
                for (row, index) in indices.enumerated() {
                    for column in 0..<size { target[row * size + column] = source[index * size + column] }
                }
            }
        }
        for (row, index) in indices.enumerated() { labels[row] = Float(split.labels[index]) }
        return (Tensor(shape: Shape([indices.count] + split.exampleShape), values: features),
                Tensor(shape: [indices.count], values: labels))
    }
}
