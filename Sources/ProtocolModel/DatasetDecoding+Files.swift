/// Decoding of the file-backed dataset kinds (`idx`, `csv`, `npy`): paths resolve against the directory of
/// the file being decoded; `sha256` maps file names (relative to the dataset directory) to hex digests.
extension ProtocolDecoder {
    func decodeFiles(_ reader: ObjectReader, format: DatasetKind) -> DatasetFilesSpec? {
        let mark = context.issueCount
        let path = reader.string("path").map(context.resolvedPath)
        let classes = reader.integer("classes", bounds: .within(GaussianClustersSpec.classRange))
        let shape = reader.field("shape", .optional, expectation: "a non-empty array of dimensions") { value, path in
            positiveIntegers(value, at: path)
        }
        var testPath: String?
        var labelColumn = LabelColumnSpec.index(-1)
        var header: Bool?
        var tokenizer: String?
        var sequenceLength: Int?
        if format == .csv || format == .text {
            testPath = reader.string("testPath", .optional).map(context.resolvedPath)
        }
        if format == .text {
            tokenizer = reader.string("tokenizer").map(context.resolvedPath)
            sequenceLength = reader.integer("sequenceLength", .defaulted(128), bounds: .within(2...ProtocolLimits.textSequence))
        }
        if format == .csv {
            labelColumn = reader.field("labelColumn", .defaulted(.index(-1)),
                                       expectation: "a column index (negative from the end) or a header name") { value, path in
                decodeLabelColumn(value, at: path)
            } ?? .index(-1)
            header = reader.bool("header", .optional)
        }
        guard let path, let classes, context.hasNoIssues(since: mark) else { return nil }
        let directory = format == .csv || format == .text ? DecodingContext.directory(of: path) : path
        let checksums = reader.field("sha256", .defaulted([:]), expectation: "an object mapping file names to SHA-256 hex digests") {
            decodeChecksums($0, at: $1, directory: directory)
        }
        guard let checksums, context.hasNoIssues(since: mark) else { return nil }
        return DatasetFilesSpec(format: format, path: path, testPath: testPath, classes: classes, shape: shape,
                                labelColumn: labelColumn, header: header, checksums: checksums, tokenizer: tokenizer,
                                sequenceLength: sequenceLength)
    }

    private func positiveIntegers(_ value: JSONValue, at path: JSONPath) -> [Int]? {
        guard let elements = context.array(value, at: path, of: "dimensions (integers ≥ 1)", allowEmpty: false) else { return nil }
        let decoded = elements.map { context.integer($0.value, at: $0.path, bounds: .within(1...ProtocolLimits.dimension)) }
        let valid = decoded.compactMap { $0 }
        return valid.count == decoded.count ? valid : nil
    }

    private func decodeLabelColumn(_ value: JSONValue, at path: JSONPath) -> LabelColumnSpec? {
        if let name = value.stringValue, !name.isEmpty { return .named(name) }
        if case .number = value.kind { return context.integer(value, at: path, bounds: .within(-ProtocolLimits.dimension...ProtocolLimits.dimension)).map(LabelColumnSpec.index) }
        context.reportMismatch(expected: "a column index (negative from the end) or a header name", found: value, at: path)
        return nil
    }

    private func decodeChecksums(_ value: JSONValue, at path: JSONPath, directory: String) -> [String: String]? {
        guard let members = value.objectMembers else {
            context.reportMismatch(expected: "an object mapping file names to SHA-256 hex digests", found: value, at: path)
            return nil
        }
        var result: [String: String] = [:]
        let mark = context.issueCount
        for member in members {
            let memberPath = path.appending(member.key)
            guard let digest = member.value.stringValue, digest.count == 64,
                  digest.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) })
            else {
                context.reportMismatch(expected: "a SHA-256 digest (64 hexadecimal digits)", found: member.value, at: memberPath)
                continue
            }
            guard !member.key.isEmpty else {
                context.report("expected a file name as the key, found an empty key", at: memberPath, position: member.keyPosition)
                continue
            }
            result[DecodingContext.join(directory, member.key)] = digest.lowercased()
        }
        return context.hasNoIssues(since: mark) ? result : nil
    }
}
