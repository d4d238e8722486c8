/// Collects the issues found while decoding one file.
///
/// A class so that every nested decoder appends to the same list: decoding keeps going after
/// a problem and reports all of them at the end. `issueCount` lets a decoder tell whether
/// anything went wrong inside one entry (compare before and after) without extra plumbing.
final class DecodingContext {
    private(set) var issues: [ProtocolIssue] = []
    /// Directory of the file being decoded; relative paths inside it (datasets, manifests, weights) resolve here.
    var baseDirectory = "."

    var issueCount: Int { issues.count }

    func hasNoIssues(since mark: Int) -> Bool { issues.count == mark }

    func report(_ message: String, at path: JSONPath, position: SourcePosition?) {
        issues.append(ProtocolIssue(path: path.description, line: position?.line, column: position?.column, message: message))
    }

    /// Reports the standard "expected X, found Y" message, with an optional spelling hint.
    func reportMismatch(expected expectation: String, found value: JSONValue, at path: JSONPath, suggestion: String? = nil) {
        report("expected \(expectation), found \(value.foundDescription)" + DecodingContext.hint(suggestion), at: path, position: value.position)
    }

    static func hint(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Issues in document order (position-less issues last, original order kept for ties).
    var sortedIssues: [ProtocolIssue] {
        issues.enumerated().sorted { left, right in
            let leftKey = (left.element.line ?? Int.max, left.element.column ?? Int.max, left.offset)
            let rightKey = (right.element.line ?? Int.max, right.element.column ?? Int.max, right.offset)
            return leftKey < rightKey
        }.map(\.element)
    }
}
