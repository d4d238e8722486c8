/// A protocol output refused before the run starts, or a write that failed; the message names the key and the path.
public struct OutputFileError: Error, CustomStringConvertible, Equatable {
    public var key: String
    public var path: String
    public var reason: String

    public var description: String { "\(key): \(path): \(reason)" }
}
