/// One problem found in a protocol file: where it is and what is wrong.
///
/// `path` is the JSON path of the offending value (`tasks[2].optimizer.lr`, empty for the
/// whole document); `line`/`column` are absent only when no position exists (e.g. unreadable file).
/// The message always says what was expected and what was found.
public struct ProtocolIssue: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// The issue without the file name: `14:17: tasks[2].optimizer.lr: expected …`.
    public var description: String {
        var parts: [String] = []
        if let line {
            parts.append(column.map { "\(line):\($0)" } ?? "\(line)")
        }
        if !path.isEmpty {
            parts.append(path)
        }
        parts.append(message)
        return parts.joined(separator: ": ")
    }

    /// The issue as one compiler-style line: `file:14:17: tasks[2].optimizer.lr: expected …`.
    /// Without a line number: `file: message`.
    public func formatted(file: String) -> String {
        line == nil ? "\(file): \(description)" : "\(file):\(description)"
    }
}
