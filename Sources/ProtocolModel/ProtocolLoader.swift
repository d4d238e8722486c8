import Foundation

/// The entry point for reading protocol files.
///
/// Parses with `JSONParser` (positions kept), decodes strictly with `ProtocolDecoder`, and throws
/// a single `ProtocolError` listing every problem as `file:line:column: path: message`.
public enum ProtocolLoader {
    /// Reads and decodes a protocol file; errors name the file as the URL was given (`url.relativePath`).
    public static func load(contentsOf url: URL) throws -> BenchmarkProtocol {
        try loadWithText(contentsOf: url).benchmark
    }

    /// The protocol and the exact text it was decoded from (stored with the run, sent to workers). Read once, so a
    /// pipe (`dlbench run <(generate)`) works and a file edited meanwhile cannot make the two disagree.
    public static func loadWithText(contentsOf url: URL) throws -> (benchmark: BenchmarkProtocol, text: String) {
        let file = url.isFileURL ? url.relativePath : url.absoluteString
        let data: Data
        do {
            data = try ProtocolFileReader.read(url)
        } catch let failure as ProtocolFileReader.Failure {
            throw ProtocolError(file: file, issues: [
                ProtocolIssue(path: "", message: "cannot read the protocol file: \(failure.reason)"),
            ])
        }
        return (try decode(data, file: file), String(decoding: data, as: UTF8.self))
    }

    /// Reads and decodes the protocol file at `path`; errors name it exactly as given.
    public static func load(path: String) throws -> BenchmarkProtocol {
        try load(contentsOf: URL(fileURLWithPath: path))
    }

    /// Decodes protocol JSON held in memory; `file` is only used to label issues.
    public static func decode(_ data: Data, file: String) throws -> BenchmarkProtocol {
        let root: JSONValue
        do {
            root = try JSONParser.parse(data)
        } catch {
            throw ProtocolError(file: file, issues: [
                ProtocolIssue(path: "", line: error.position.line, column: error.position.column, message: "invalid JSON: \(error.message)"),
            ])
        }
        let context = DecodingContext()
        context.baseDirectory = DecodingContext.directory(of: file)
        let decoder = ProtocolDecoder(context: context)
        guard let decoded = decoder.decode(root), context.issueCount == 0 else {
            throw ProtocolError(file: file, issues: context.sortedIssues)
        }
        decoder.checkMemory(of: decoded, document: root)
        guard context.issueCount == 0 else { throw ProtocolError(file: file, issues: context.sortedIssues) }
        return decoded
    }

    /// Convenience for text already in memory (tests, generated protocols).
    public static func decode(_ text: String, file: String) throws -> BenchmarkProtocol {
        try decode(Data(text.utf8), file: file)
    }
}
