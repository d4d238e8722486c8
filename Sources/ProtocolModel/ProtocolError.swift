import Foundation

/// Everything wrong with one protocol file, reported together.
///
/// The decoder collects every problem it can find instead of stopping at the first, so a user
/// fixes a file in one pass. Each issue prints as a compiler-style line
/// (`Protocols/x.json:14:17: tasks[2].optimizer.lr: expected a number > 0, found -0.1`)
/// that editors and terminals can jump to.
public struct ProtocolError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The file as the user named it (or a label such as `<stdin>`).
    public var file: String
    /// The problems in document order; never empty.
    public var issues: [ProtocolIssue]

    public init(file: String, issues: [ProtocolIssue]) {
        self.file = file
        self.issues = issues
    }

    /// One line per issue, each starting with `file:line:column:`.
    public var description: String {
        issues.map { $0.formatted(file: file) }.joined(separator: "\n")
    }

    public var errorDescription: String? { description }

    /// The messages alone, handy for tests and summaries.
    public var messages: [String] { issues.map(\.message) }
}
