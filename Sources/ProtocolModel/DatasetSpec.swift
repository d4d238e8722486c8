/// A dataset the tasks train and infer on: where the examples come from, how they are split and normalised.
///
/// Either written inline in the protocol or read from a manifest file (`{"name": …, "manifest": "…"}`) that
/// holds the same keys, so a downloaded dataset is described once and shared by every protocol.
public struct DatasetSpec: Sendable, Equatable, Hashable {
    public var name: String
    public var source: DatasetSource
    public var split: DatasetSplit
    public var normalization: NormalizationSpec?
    /// The manifest file the entry came from (resolved against the protocol's directory); `nil` when inline.
    public var manifest: String?

    public init(name: String, source: DatasetSource, split: DatasetSplit = DatasetSplit(),
                normalization: NormalizationSpec? = nil, manifest: String? = nil) {
        self.name = name
        self.source = source
        self.split = split
        self.normalization = normalization
        self.manifest = manifest
    }

    public var kind: DatasetKind { source.kind }
}

/// The generator or files behind a dataset, with the settings of its kind.
public enum DatasetSource: Sendable, Equatable, Hashable {
    case gaussianClusters(GaussianClustersSpec)
    case syntheticDigits(SyntheticDigitsSpec)
    case syntheticText(SyntheticTextSpec)
    case files(DatasetFilesSpec)

    public var kind: DatasetKind {
        switch self {
        case .gaussianClusters: return .gaussianClusters
        case .syntheticDigits: return .syntheticDigits
        case .syntheticText: return .syntheticText
        case let .files(files): return files.format
        }
    }
}

/// Held-out fractions carved from the data: `validation` from the training examples (all kinds), `test` from
/// a CSV file that has no separate test file.
public struct DatasetSplit: Sendable, Equatable, Hashable {
    /// 0 ≤ f < 1; JSON default 0 (no validation split).
    public var validation: Double
    /// 0 < f < 1 or `nil`.
    public var test: Double?

    public init(validation: Double = 0, test: Double? = nil) {
        self.validation = validation
        self.test = test
    }
}

/// x' = (x · scale − mean[c]) / std[c] per channel c (torchvision's ToTensor + Normalize).
public struct NormalizationSpec: Sendable, Equatable, Hashable {
    /// > 0; JSON default 1.
    public var scale: Double
    /// Empty, one value, or one per channel.
    public var mean: [Double]
    /// Empty, one value, or one per channel; each > 0.
    public var standardDeviation: [Double]

    public init(scale: Double = 1, mean: [Double] = [], standardDeviation: [Double] = []) {
        self.scale = scale
        self.mean = mean
        self.standardDeviation = standardDeviation
    }
}
