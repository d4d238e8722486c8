/// Where a dataset's examples come from; raw values are the JSON spellings.
///
/// Synthetic kinds are generated from a seed (reproducible, no download); file kinds read data the user
/// downloaded once, in the formats the common datasets ship in, so nothing needs converting.
public enum DatasetKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case gaussianClusters = "gaussian-clusters"
    case syntheticDigits = "synthetic-digits"
    case syntheticText = "synthetic-text"
    /// A directory of MNIST-layout IDX files, optionally gzipped.
    case idx
    /// One numeric CSV file (plus an optional test file).
    case csv
    /// A directory of `x_train.npy`, `y_train.npy`, `x_test.npy`, `y_test.npy`.
    case npy
    /// UTF-8 text, one example per line (`LABEL<TAB>sentence`), tokenized by a BERT tokenizer.json to token ids.
    case text

    /// Whether the data is read from files (and so may carry checksums).
    public var readsFiles: Bool { self == .idx || self == .csv || self == .npy || self == .text }
}
