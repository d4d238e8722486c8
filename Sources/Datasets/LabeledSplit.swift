/// Examples with integer class labels, features stored row-major in one flat array so batches are slices.
public struct LabeledSplit: Sendable, Equatable {
    /// Shape of one example (e.g. [64] or [1, 28, 28]).
    public var exampleShape: [Int]
    public var features: [Float]
    public var labels: [Int]
    public var classes: Int

    public init(exampleShape: [Int], features: [Float], labels: [Int], classes: Int) {
        self.exampleShape = exampleShape
        self.features = features
        self.labels = labels
        self.classes = classes
    }

    public var count: Int { labels.count }
    public var exampleSize: Int { exampleShape.reduce(1, *) }

    /// Examples `range` (clamped), features flattened, for building one batch.
    public func batch(_ range: Range<Int>) -> (features: ArraySlice<Float>, labels: ArraySlice<Int>) {
        let clamped = range.clamped(to: 0..<count)
        return (features[(clamped.lowerBound * exampleSize)..<(clamped.upperBound * exampleSize)], labels[clamped])
    }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> LabeledSplit {
        let size = exampleSize
        var selected = [Float](repeating: 0, count: indices.count * size)
        features.withUnsafeBufferPointer { source in
            selected.withUnsafeMutableBufferPointer { target in
                for (row, index) in indices.enumerated() {
                    for column in 0..<size { target[row * size + column] = source[index * size + column] }
                }
            }
        }
        return LabeledSplit(exampleShape: exampleShape, features: selected, labels: indices.map { labels[$0] }, classes: classes)
    }
}

/// A dataset as the runner consumes it: a training split, an optional validation split carved from the
/// training data (held out from training, for model selection), and a held-out test split.
public struct LabeledDataset: Sendable, Equatable {
    public var name: String
    public var train: LabeledSplit
    public var validation: LabeledSplit?
    public var test: LabeledSplit
    /// Wall-clock milliseconds spent reading, checking and generating the data (measured by whoever loaded it;
    /// reported as the `data_load_time` metric). A measurement, not content: ignored by `==`.
    public var loadMilliseconds: Double?
    /// For token-id datasets: the number of distinct token ids a model's embedding must cover.
    public var vocabulary: Int?

    public init(name: String, train: LabeledSplit, validation: LabeledSplit? = nil, test: LabeledSplit) {
        self.name = name
        self.train = train
        self.validation = validation
        self.test = test
    }

    public static func == (left: LabeledDataset, right: LabeledDataset) -> Bool {
        left.name == right.name && left.train == right.train && left.validation == right.validation && left.test == right.test
    }
}
