import Foundation

/// A text dataset the user writes by hand or exports: UTF-8, one example per line, `LABEL<TAB>sentence` (the
/// label a class number from 0; blank lines and lines starting with `#` skipped), each sentence tokenized by a
/// BERT WordPiece tokenizer into `sequenceLength` token ids ([CLS] … [SEP], padded with [PAD]). Features are
/// the ids as floats, the form dlbench's sequence models take.
public enum TextLinesDataset {
    public static func load(path: String, tokenizer: WordPieceTokenizer, sequenceLength: Int,
                            classes: Int) throws -> LabeledSplit {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DatasetError.unreadable(file: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DatasetError.badFormat(file: path, offset: firstInvalidUTF8Offset(data), expected: "UTF-8 text",
                                         found: "bytes that are not UTF-8")
        }
        var features: [Float] = []
        var labels: [Int] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let content = line.hasSuffix("\r") ? line.dropLast() : line
            if content.allSatisfy(\.isWhitespace) || content.hasPrefix("#") { continue }
            guard let tab = content.firstIndex(of: "\t") else {
                throw DatasetError.badLine(file: path, line: lineNumber, expected: "LABEL<TAB>sentence",
                                           found: "no tab in \(quoted(content))")
            }
            let labelText = content[..<tab].trimmingCharacters(in: .whitespaces)
            guard let label = Int(labelText) else {
                throw DatasetError.badLine(file: path, line: lineNumber, expected: "a class number before the tab",
                                           found: quoted(Substring(labelText)))
            }
            guard (0..<classes).contains(label) else {
                throw DatasetError.labelOutOfRange(file: path, location: "line \(lineNumber)", label: labelText,
                                                   classes: classes)
            }
            let encoded = tokenizer.encode(String(content[content.index(after: tab)...]), length: sequenceLength)
            features += encoded.ids.map(Float.init)
            labels.append(label)
        }
        guard !labels.isEmpty else {
            throw DatasetError.empty(file: path, offset: 0, expected: "at least one LABEL<TAB>sentence line",
                                     found: "none")
        }
        return LabeledSplit(exampleShape: [sequenceLength], features: features, labels: labels, classes: classes)
    }

    private static func quoted(_ text: Substring) -> String {
        "'" + (text.count > 40 ? text.prefix(37) + "..." : text) + "'"
    }

    /// The byte offset of the first byte sequence that is not UTF-8.
    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded): offset += encoded.count
            case .emptyInput, .error: return offset
            }
        }
    }
}
