import Foundation

/// `{"name": "digits", "manifest": "../Datasets/mnist.json"}`: the dataset is described in a manifest file
/// holding the keys of an inline entry (its own `name` is informational; the protocol's name is the one tasks
/// use). Paths inside resolve against the manifest's directory; each problem in it is reported at the
/// protocol's `manifest` key, naming the manifest file, line:column and JSON path inside it.
extension ProtocolDecoder {
    func decodeManifestReference(_ reader: ObjectReader) -> DatasetSpec? {
        reader.checkKeys(allowed: ["name", "manifest"], aliases: ProtocolDecoder.keyAliases)
        let name = reader.string("name")
        guard let found = reader.value("manifest"), let relative = context.string(found.value, at: found.path) else { return nil }
        let file = context.resolvedPath(relative)
        func report(_ message: String) {
            context.report("dataset manifest '\(file)': " + message, at: found.path, position: found.value.position)
        }
        guard let root = ReferencedJSONFile.parse(file, report: report) else { return nil }
        let manifestContext = DecodingContext()
        manifestContext.baseDirectory = DecodingContext.directory(of: file)
        let manifestDecoder = ProtocolDecoder(context: manifestContext)
        let spec = ObjectReader(root, at: .root, context: manifestContext, expectation: "a dataset manifest object").flatMap {
            manifestDecoder.decodeDatasetBody($0, allowsManifest: false)
        }
        for issue in manifestContext.sortedIssues { report(issue.description) }
        guard var spec, let name, manifestContext.issueCount == 0 else { return nil }
        spec.name = name
        spec.manifest = file
        return spec
    }
}

extension DecodingContext {
    /// `path` as written if absolute, else joined to the directory of the file being decoded, with `.` and
    /// `..` components removed; relative results stay relative to the working directory.
    func resolvedPath(_ path: String) -> String {
        path.hasPrefix("/") ? DecodingContext.normalized(path) : DecodingContext.join(baseDirectory, path)
    }

    static func join(_ directory: String, _ path: String) -> String {
        if path.hasPrefix("/") { return normalized(path) }
        return normalized(directory.isEmpty ? path : directory + "/" + path)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func normalized(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) where component != "." {
            if component == "..", let last = components.last, last != ".." {
                components.removeLast()
            } else if component == "..", path.hasPrefix("/") {
                continue
            } else {
                components.append(component)
            }
        }
        let joined = components.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
