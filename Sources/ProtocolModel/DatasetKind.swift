/// The generators a dataset can come from; raw values are the JSON spellings.
///
/// Synthetic data keeps benchmarks reproducible and free of downloads.
public enum DatasetKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case gaussianClusters = "gaussian-clusters"
}
