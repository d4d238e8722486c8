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
}

/// A dataset as the runner consumes it: a training split and a held-out test split.
public struct LabeledDataset: Sendable, Equatable {
    public var name: String
    public var train: LabeledSplit
    public var test: LabeledSplit

    public init(name: String, train: LabeledSplit, test: LabeledSplit) {
        self.name = name
        self.train = train
        self.test = test
    }
}
