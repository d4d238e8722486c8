/// One Gaussian blob per class (see Datasets/README.md).
public struct GaussianClustersSpec: Sendable, Equatable, Hashable {
    /// Input width, 1...100_000.
    public var features: Int
    /// Number of labels, 2...10_000.
    public var classes: Int
    public var trainSamples: Int
    public var testSamples: Int
    /// Generator seed; `nil` means "derive from the protocol seed".
    public var seed: UInt64?
    /// Standard deviation of each cluster, ≥ 0. JSON default: 1.0.
    public var noise: Double

    public static let featureRange = 1...100_000
    public static let classRange = 2...10_000

    public init(features: Int, classes: Int, trainSamples: Int, testSamples: Int, seed: UInt64? = nil, noise: Double = 1.0) {
        self.features = features
        self.classes = classes
        self.trainSamples = trainSamples
        self.testSamples = testSamples
        self.seed = seed
        self.noise = noise
    }
}

/// Procedurally drawn 28×28 digits, 10 classes (see Datasets/README.md).
public struct SyntheticDigitsSpec: Sendable, Equatable, Hashable {
    public var trainSamples: Int
    public var testSamples: Int
    public var seed: UInt64?
    /// Pixel noise standard deviation, ≥ 0. JSON default: 0.2.
    public var noise: Double

    public init(trainSamples: Int, testSamples: Int, seed: UInt64? = nil, noise: Double = 0.2) {
        self.trainSamples = trainSamples
        self.testSamples = testSamples
        self.seed = seed
        self.noise = noise
    }
}

/// Token sequences classified by which keyword they contain and whether it precedes the marker token.
public struct SyntheticTextSpec: Sendable, Equatable, Hashable {
    public var trainSamples: Int
    public var testSamples: Int
    public var seed: UInt64?
    /// Token ids 0..<vocabulary; JSON default 32.
    public var vocabulary: Int
    /// JSON default 16.
    public var sequenceLength: Int
    /// Even, ≥ 2; JSON default 4.
    public var classes: Int

    public init(trainSamples: Int, testSamples: Int, seed: UInt64? = nil, vocabulary: Int = 32, sequenceLength: Int = 16,
                classes: Int = 4) {
        self.trainSamples = trainSamples
        self.testSamples = testSamples
        self.seed = seed
        self.vocabulary = vocabulary
        self.sequenceLength = sequenceLength
        self.classes = classes
    }
}

/// Data read from files (kinds `idx`, `csv`, `npy`); every path is already resolved against the directory
/// of the file that named it (protocol or manifest).
public struct DatasetFilesSpec: Sendable, Equatable, Hashable {
    public var format: DatasetKind
    /// The directory (idx, npy) or the CSV file.
    public var path: String
    /// CSV only: a separate test file.
    public var testPath: String?
    public var classes: Int
    /// Shape of one example; `nil` means the file's own ([1, H, W] for images).
    public var shape: [Int]?
    /// CSV only: the label column, a 0-based index (negative from the end) or a header name; JSON default −1.
    public var labelColumn: LabelColumnSpec
    /// CSV only: whether the first line is a header; `nil` detects it.
    public var header: Bool?
    /// Expected SHA-256 (lowercase hex) by resolved file path, verified before the data is used.
    public var checksums: [String: String]
    /// Text only: the Hugging Face tokenizer.json (a BERT WordPiece tokenizer) and the token length of every example.
    public var tokenizer: String?
    public var sequenceLength: Int?

    public init(format: DatasetKind, path: String, testPath: String? = nil, classes: Int, shape: [Int]? = nil,
                labelColumn: LabelColumnSpec = .index(-1), header: Bool? = nil, checksums: [String: String] = [:],
                tokenizer: String? = nil, sequenceLength: Int? = nil) {
        self.format = format
        self.path = path
        self.testPath = testPath
        self.classes = classes
        self.shape = shape
        self.labelColumn = labelColumn
        self.header = header
        self.checksums = checksums
        self.tokenizer = tokenizer
        self.sequenceLength = sequenceLength
    }
}

/// A CSV label column by position or by header name.
public enum LabelColumnSpec: Sendable, Equatable, Hashable {
    case index(Int)
    case named(String)
}
