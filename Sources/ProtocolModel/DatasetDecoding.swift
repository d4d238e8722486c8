/// Decoding of `datasets[]` entries (and of dataset manifest files, which hold the same keys): common keys,
/// then the settings of the source chosen by `kind`. Keys of other kinds are rejected.
extension ProtocolDecoder {
    static let commonDatasetKeys = ["name", "kind", "description", "url", "split", "normalization"]

    static func datasetKeys(for kind: DatasetKind) -> [String] {
        switch kind {
        case .gaussianClusters: return ["features", "classes", "trainSamples", "testSamples", "seed", "noise"]
        case .syntheticDigits: return ["trainSamples", "testSamples", "seed", "noise"]
        case .syntheticText: return ["trainSamples", "testSamples", "seed", "vocabulary", "sequenceLength", "classes"]
        case .idx, .npy: return ["path", "classes", "shape", "sha256"]
        case .csv: return ["path", "testPath", "classes", "shape", "sha256", "labelColumn", "header"]
        case .text: return ["path", "testPath", "classes", "sha256", "tokenizer", "sequenceLength"]
        }
    }

    func decodeDataset(_ value: JSONValue, at path: JSONPath) -> DatasetSpec? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        if reader.contains("manifest") { return decodeManifestReference(reader) }
        return decodeDatasetBody(reader, allowsManifest: true)
    }

    /// The keys of an inline entry or a manifest; `allowsManifest` only changes the key list in messages.
    func decodeDatasetBody(_ reader: ObjectReader, allowsManifest: Bool) -> DatasetSpec? {
        let kind = reader.enumeration("kind", as: DatasetKind.self)
        var kindKeys: [String] = []
        for candidate in kind.map({ [$0] }) ?? DatasetKind.allCases {
            kindKeys += ProtocolDecoder.datasetKeys(for: candidate).filter { !kindKeys.contains($0) }
        }
        reader.checkKeys(allowed: ProtocolDecoder.commonDatasetKeys + kindKeys + (allowsManifest ? ["manifest"] : []),
                         aliases: ProtocolDecoder.keyAliases)
        let mark = context.issueCount
        let name = reader.string("name")
        _ = reader.string("description", .optional, allowEmpty: true)
        _ = reader.string("url", .optional)
        let split = reader.field("split", .defaulted(DatasetSplit()), expectation: "a split object") { decodeSplit($0, at: $1) }
        let normalization = reader.field("normalization", .optional, expectation: "a normalization object") {
            decodeNormalization($0, at: $1)
        }
        let source: DatasetSource?
        switch kind {
        case .gaussianClusters?: source = decodeGaussianClusters(reader).map(DatasetSource.gaussianClusters)
        case .syntheticDigits?: source = decodeSyntheticDigits(reader).map(DatasetSource.syntheticDigits)
        case .syntheticText?: source = decodeSyntheticText(reader).map(DatasetSource.syntheticText)
        case let format?: source = decodeFiles(reader, format: format).map(DatasetSource.files)
        case nil: source = nil
        }
        guard let name, let split, let source, context.hasNoIssues(since: mark) else { return nil }
        checkTestFraction(split, source: source, reader: reader)
        guard context.hasNoIssues(since: mark) else { return nil }
        return DatasetSpec(name: name, source: source, split: split, normalization: normalization)
    }

    private func decodeGaussianClusters(_ reader: ObjectReader) -> GaussianClustersSpec? {
        let features = reader.integer("features", bounds: .within(GaussianClustersSpec.featureRange))
        let classes = reader.integer("classes", bounds: .within(GaussianClustersSpec.classRange))
        let trainSamples = reader.integer("trainSamples", bounds: .within(1...ProtocolLimits.samples))
        let testSamples = reader.integer("testSamples", bounds: .within(1...ProtocolLimits.samples))
        let seed = reader.unsignedInteger("seed", .optional)
        let noise = reader.number("noise", .defaulted(1.0), bounds: .atLeast(0))
        guard let features, let classes, let trainSamples, let testSamples, let noise else { return nil }
        if reader.contains("seed") && seed == nil { return nil }
        return GaussianClustersSpec(features: features, classes: classes, trainSamples: trainSamples,
                                    testSamples: testSamples, seed: seed, noise: noise)
    }

    private func decodeSyntheticDigits(_ reader: ObjectReader) -> SyntheticDigitsSpec? {
        let trainSamples = reader.integer("trainSamples", bounds: .within(1...ProtocolLimits.samples))
        let testSamples = reader.integer("testSamples", bounds: .within(1...ProtocolLimits.samples))
        let seed = reader.unsignedInteger("seed", .optional)
        let noise = reader.number("noise", .defaulted(0.2), bounds: .atLeast(0))
        guard let trainSamples, let testSamples, let noise else { return nil }
        if reader.contains("seed") && seed == nil { return nil }
        return SyntheticDigitsSpec(trainSamples: trainSamples, testSamples: testSamples, seed: seed, noise: noise)
    }

    private func decodeSyntheticText(_ reader: ObjectReader) -> SyntheticTextSpec? {
        let trainSamples = reader.integer("trainSamples", bounds: .within(1...ProtocolLimits.samples))
        let testSamples = reader.integer("testSamples", bounds: .within(1...ProtocolLimits.samples))
        let seed = reader.unsignedInteger("seed", .optional)
        let vocabulary = reader.integer("vocabulary", .defaulted(32), bounds: .within(5...1_000_000))
        let sequenceLength = reader.integer("sequenceLength", .defaulted(16), bounds: .within(2...100_000))
        let classes = reader.integer("classes", .defaulted(4), bounds: .within(2...1_000))
        guard let trainSamples, let testSamples, let vocabulary, let sequenceLength, let classes else { return nil }
        if reader.contains("seed") && seed == nil { return nil }
        let classesPosition = reader.value("classes")?.value.position ?? reader.position
        guard classes % 2 == 0 else {
            context.report("expected an even number of classes (two orders per keyword), found \(classes)",
                           at: reader.path.appending("classes"), position: classesPosition)
            return nil
        }
        guard vocabulary >= classes / 2 + 4 else {
            context.report("expected a vocabulary ≥ \(classes / 2 + 4) (classes/2 keywords, a marker, 0 and 2 fillers), found \(vocabulary)",
                           at: reader.path.appending("vocabulary"), position: reader.value("vocabulary")?.value.position ?? reader.position)
            return nil
        }
        return SyntheticTextSpec(trainSamples: trainSamples, testSamples: testSamples, seed: seed, vocabulary: vocabulary,
                                 sequenceLength: sequenceLength, classes: classes)
    }

    private func decodeSplit(_ value: JSONValue, at path: JSONPath) -> DatasetSplit? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        reader.checkKeys(allowed: ["validation", "test"], aliases: ProtocolDecoder.keyAliases)
        let mark = context.issueCount
        let validation = reader.number("validation", .defaulted(0), bounds: .halfOpen(0, 1))
        let test = reader.number("test", .optional, bounds: NumberBounds(minimum: 0, minimumIsExclusive: true, maximum: 1,
                                                                          maximumIsExclusive: true))
        guard let validation, context.hasNoIssues(since: mark) else { return nil }
        return DatasetSplit(validation: validation, test: test)
    }

    /// `split.test` carves a test split from a CSV file that has none; every other source has its own.
    private func checkTestFraction(_ split: DatasetSplit, source: DatasetSource, reader: ObjectReader) {
        let needsFraction: Bool
        if case let .files(files) = source, files.format == .csv || files.format == .text, files.testPath == nil {
            needsFraction = true
        } else {
            needsFraction = false
        }
        if needsFraction && split.test == nil {
            context.report(
                "missing test split; expected 'testPath' (a test file) or 'split.test' (a fraction to hold out), found neither",
                at: reader.path, position: reader.position)
        } else if !needsFraction, split.test != nil, let found = reader.value("split") {
            context.report(
                "unexpected 'split.test'; expected it only for a CSV or text dataset without 'testPath' (this dataset has its own test split)",
                at: found.path.appending("test"), position: found.value.position)
        }
    }

    private func decodeNormalization(_ value: JSONValue, at path: JSONPath) -> NormalizationSpec? {
        guard let reader = ObjectReader(value, at: path, context: context) else { return nil }
        reader.checkKeys(allowed: ["scale", "mean", "std"], aliases: ProtocolDecoder.keyAliases)
        let mark = context.issueCount
        let scale = reader.number("scale", .defaulted(1), bounds: .greaterThan(0))
        let mean = reader.field("mean", .defaulted([]), expectation: "a non-empty array of numbers") {
            numbers($0, at: $1, bounds: .any)
        }
        let deviation = reader.field("std", .defaulted([]), expectation: "a non-empty array of numbers > 0") {
            numbers($0, at: $1, bounds: .greaterThan(0))
        }
        guard let scale, let mean, let deviation, context.hasNoIssues(since: mark) else { return nil }
        return NormalizationSpec(scale: scale, mean: mean, standardDeviation: deviation)
    }

    func numbers(_ value: JSONValue, at path: JSONPath, bounds: NumberBounds) -> [Double]? {
        let description = bounds == .any ? "numbers" : "numbers (each \(bounds.expectation.dropFirst(9)))"
        guard let elements = context.array(value, at: path, of: description, allowEmpty: false) else { return nil }
        let decoded = elements.map { context.number($0.value, at: $0.path, bounds: bounds) }
        let valid = decoded.compactMap { $0 }
        return valid.count == decoded.count ? valid : nil
    }
}
