/// Why a dataset or checkpoint file could not be read. Every case names the file and where in it the problem
/// is (a byte offset for binary formats, a 1-based line for CSV), so a truncated download or a mislabelled file
/// is found without a debugger; a loader never crashes and never returns a silently short dataset.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read at all.
    case unreadable(file: String, reason: String)
    /// The file ends before `needed` bytes starting at `offset` could be read.
    case truncated(file: String, offset: Int, needed: Int, available: Int)
    /// A format tag (magic number, dtype, header) differs from what the format allows.
    case badFormat(file: String, offset: Int, expected: String, found: String)
    /// A line of a text file is malformed.
    case badLine(file: String, line: Int, expected: String, found: String)
    /// A text file breaks its syntax (CSV: an unterminated or stray quote): 1-based line and column (in characters)
    /// and the byte offset, as an editor shows them.
    case badSyntax(file: String, line: Int, column: Int, offset: Int, expected: String, found: String)
    /// Two declared counts or shapes disagree (images vs labels, header vs data, manifest vs file).
    case countMismatch(file: String, offset: Int, expected: String, found: String)
    /// A label lies outside 0..<classes.
    case labelOutOfRange(file: String, location: String, label: String, classes: Int)
    /// The file's SHA-256 differs from the one the manifest declares.
    case checksumMismatch(file: String, expected: String, found: String)
    /// A setting (normalisation, shape, split) cannot apply to this data.
    case invalidSetting(dataset: String, reason: String)
    /// A value is NaN or infinite (or, in text, not a plain decimal number): data must be finite numbers, so a
    /// broken export fails at load time instead of training to a NaN loss. `location` is "byte B (element E)"
    /// for binary files, "line L, column C" for CSV.
    case nonFinite(file: String, location: String, found: String)
    /// The file declares zero examples or a zero-sized example: nothing could be trained or measured on it.
    case empty(file: String, offset: Int, expected: String, found: String)
    /// Declared sizes whose product overflows 64 bits or needs more memory than the machine has; refused before
    /// any allocation.
    case tooLarge(file: String, offset: Int, expected: String, found: String)
    /// A JSON file (a tokenizer, a model config) lacks a member or holds the wrong kind of value at `path`.
    case badField(file: String, path: String, expected: String, found: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the file: \(reason)"
        case let .truncated(file, offset, needed, available):
            return "\(file): truncated at byte \(offset): expected \(needed) more bytes, found \(available)"
        case let .badFormat(file, offset, expected, found):
            return "\(file): byte \(offset): expected \(expected), found \(found)"
        case let .badLine(file, line, expected, found):
            return "\(file):\(line): expected \(expected), found \(found)"
        case let .badSyntax(file, line, column, offset, expected, found):
            return "\(file):\(line):\(column) (byte \(offset)): expected \(expected), found \(found)"
        case let .countMismatch(file, offset, expected, found):
            return "\(file): byte \(offset): count mismatch: expected \(expected), found \(found)"
        case let .labelOutOfRange(file, location, label, classes):
            return "\(file): \(location): label \(label) is out of range; expected 0…\(classes - 1) for \(classes) classes"
        case let .checksumMismatch(file, expected, found):
            return "\(file): SHA-256 mismatch: expected \(expected), found \(found); the file is corrupt or not the one the manifest describes"
        case let .invalidSetting(dataset, reason):
            return "dataset '\(dataset)': \(reason)"
        case let .nonFinite(file, location, found):
            return "\(file): \(location): expected a finite number, found \(found)"
        case let .empty(file, offset, expected, found):
            return "\(file): byte \(offset): expected \(expected), found \(found)"
        case let .tooLarge(file, offset, expected, found):
            return "\(file): byte \(offset): too large: expected \(expected), found \(found)"
        case let .badField(file, path, expected, found):
            return "\(file): \(path): expected \(expected), found \(found)"
        }
    }
}
