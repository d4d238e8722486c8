/// A 1-based line and column in a protocol file.
///
/// Every JSON value and key carries one so that each problem can be reported as
/// `file:line:column`, the form editors and terminals turn into clickable links.
/// Columns count Unicode scalars, not bytes, so they match what an editor shows.
public struct SourcePosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
