import Datasets
import Foundation
import Measurement
import ProtocolModel

/// Builds the `LabeledDataset` a protocol's dataset entry describes — generated from a seed or read from IDX,
/// CSV or NPY files — and times it. Lives in the Runner because the checksum check needs `Measurement`'s
/// SHA-256 (Datasets stays dependency-free). Order: verify every declared checksum, read, carve the declared
/// splits, normalise; the wall time of all of it is `loadMilliseconds` (metric `data_load_time`), measured
/// apart from, and before, any timed step.
enum DatasetLoader {
    static func load(_ spec: DatasetSpec, protocolSeed: UInt64) throws -> LabeledDataset {
        let start = MonotonicClock.now()
        let seed = protocolSeed &+ WorkloadFactory.stableHash(spec.name)
        var dataset = try source(spec, seed: seed)
        if spec.split.validation > 0 {
            dataset = try dataset.holdingOutValidation(spec.split.validation, seed: seed &+ 1)
        }
        if let normalization = spec.normalization {
            let transform = Normalization(scale: Float(normalization.scale), mean: normalization.mean.map { Float($0) },
                                          standardDeviation: normalization.standardDeviation.map { Float($0) })
            try transform.apply(to: &dataset.train, dataset: spec.name)
            try transform.apply(to: &dataset.test, dataset: spec.name)
            if var validation = dataset.validation {
                try transform.apply(to: &validation, dataset: spec.name)
                dataset.validation = validation
            }
        }
        dataset.loadMilliseconds = Double(MonotonicClock.now() - start) / 1e6
        return dataset
    }

    private static func source(_ spec: DatasetSpec, seed: UInt64) throws -> LabeledDataset {
        switch spec.source {
        case let .gaussianClusters(settings):
            return GaussianClusters.make(name: spec.name, features: settings.features, classes: settings.classes,
                                         trainSamples: settings.trainSamples, testSamples: settings.testSamples,
                                         noise: settings.noise, seed: settings.seed ?? seed)
        case let .syntheticDigits(settings):
            return SyntheticDigits.make(name: spec.name, trainSamples: settings.trainSamples, testSamples: settings.testSamples,
                                        noise: settings.noise, seed: settings.seed ?? seed)
        case let .syntheticText(settings):
            return try SyntheticText.make(name: spec.name, trainSamples: settings.trainSamples, testSamples: settings.testSamples,
                                          vocabulary: settings.vocabulary, sequenceLength: settings.sequenceLength,
                                          classes: settings.classes, seed: settings.seed ?? seed)
        case let .files(files):
            try verifyChecksums(files.checksums)
            return try read(files, name: spec.name, testFraction: spec.split.test, seed: seed)
        }
    }

    private static func read(_ files: DatasetFilesSpec, name: String, testFraction: Double?, seed: UInt64) throws -> LabeledDataset {
        switch files.format {
        case .idx:
            return try IDXDataset.load(name: name, directory: files.path, classes: files.classes, exampleShape: files.shape)
        case .npy:
            return try NPYDataset.load(name: name, directory: files.path, classes: files.classes, exampleShape: files.shape)
        case .text:
            let tokenizer = try WordPieceTokenizer.load(contentsOf: URL(fileURLWithPath: files.tokenizer ?? ""))
            func lines(_ path: String) throws -> LabeledSplit {
                try TextLinesDataset.load(path: path, tokenizer: tokenizer, sequenceLength: files.sequenceLength ?? 128,
                                          classes: files.classes)
            }
            let train = try lines(files.path)
            var dataset: LabeledDataset
            if let testPath = files.testPath {
                dataset = LabeledDataset(name: name, train: train, test: try lines(testPath))
            } else if let testFraction {
                dataset = try LabeledDataset.holdingOut(testFraction, of: train, name: name, seed: seed)
            } else {
                throw DatasetError.invalidSetting(dataset: name, reason: "a text dataset needs 'testPath' or 'split.test'")
            }
            // The tokenizer's whole vocabulary, not the ids these sentences happen to use: the embedding a model
            // builds then fits any text the same tokenizer produces.
            dataset.vocabulary = (tokenizer.vocabulary.values.max() ?? 0) + 1
            return dataset
        default:
            let column: CSVLabelColumn
            switch files.labelColumn {
            case let .index(index): column = .index(index)
            case let .named(header): column = .named(header)
            }
            func csv(_ path: String) throws -> LabeledSplit {
                try CSVDataset.load(path: path, classes: files.classes, labelColumn: column, header: files.header,
                                    exampleShape: files.shape)
            }
            let train = try csv(files.path)
            if let testPath = files.testPath { return LabeledDataset(name: name, train: train, test: try csv(testPath)) }
            guard let testFraction else {
                throw DatasetError.invalidSetting(dataset: name, reason: "a CSV dataset needs 'testPath' or 'split.test'")
            }
            return try LabeledDataset.holdingOut(testFraction, of: train, name: name, seed: seed)
        }
    }

    /// Every file with a declared SHA-256 must exist and match, before any of it is parsed.
    static func verifyChecksums(_ checksums: [String: String]) throws {
        for (path, expected) in checksums.sorted(by: { $0.key < $1.key }) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DatasetError.unreadable(file: path, reason: "no such file (it has a sha256 in the dataset description)")
            }
            let found = SHA256Hex.digest(of: data)
            guard found == expected else { throw DatasetError.checksumMismatch(file: path, expected: expected, found: found) }
        }
    }
}
