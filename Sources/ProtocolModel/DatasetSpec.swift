/// A synthetic classification dataset the tasks train and infer on.
///
/// Fully described by its parameters and seed, so every run sees the same data.
public struct DatasetSpec: Sendable, Equatable, Hashable {
    public var name: String
    public var kind: DatasetKind
    /// Input width, 1...100_000.
    public var features: Int
    /// Number of labels, 2...10_000.
    public var classes: Int
    /// ≥ 1.
    public var trainSamples: Int
    /// ≥ 1.
    public var testSamples: Int
    /// Generator seed; `nil` means "derive from the protocol seed".
    public var seed: UInt64?
    /// Standard deviation of each cluster, ≥ 0. JSON default: 1.0.
    public var noise: Double

    public static let featureRange = 1...100_000
    public static let classRange = 2...10_000

    public init(
        name: String, kind: DatasetKind = .gaussianClusters, features: Int, classes: Int,
        trainSamples: Int, testSamples: Int, seed: UInt64? = nil, noise: Double = 1.0
    ) {
        self.name = name
        self.kind = kind
        self.features = features
        self.classes = classes
        self.trainSamples = trainSamples
        self.testSamples = testSamples
        self.seed = seed
        self.noise = noise
    }
}
