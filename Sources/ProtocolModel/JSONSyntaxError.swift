/// Why a file is not well-formed JSON, and where the parser stopped.
///
/// Kept separate from `ProtocolError` so the parser stays a plain JSON parser; the loader turns
/// it into a `ProtocolIssue` that names the file.
struct JSONSyntaxError: Error, Sendable, Equatable {
    var message: String
    var position: SourcePosition
}
