/// Splits a byte stream into newline-terminated lines in time linear in its size: each byte is scanned once
/// (the search resumes where the last chunk ended) and consumed lines are dropped in one move per chunk, not one
/// copy per line. The worker protocol's lines can be megabytes long (a 10 MB protocol, 80,000 samples).
public struct LineSplitter {
    private var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`.
    private var lineStart = 0
    /// Bytes before this index hold no newline.
    private var scanned = 0
    /// Bytes searched for a newline so far: equal to the bytes appended, whatever the chunking (tests check it).
    public private(set) var bytesExamined = 0

    public init() {}

    public var hasPartialLine: Bool { lineStart < buffer.count }

    /// Appends `bytes` and calls `onLine` with each complete line, without its newline.
    public mutating func append(_ bytes: UnsafeRawBufferPointer, onLine: (ArraySlice<UInt8>) -> Void) {
        buffer.append(contentsOf: bytes)
        drain(onLine)
    }

    public mutating func append(_ bytes: [UInt8], onLine: (ArraySlice<UInt8>) -> Void) {
        buffer.append(contentsOf: bytes)
        drain(onLine)
    }

    /// The unterminated rest, as a last line (end of input).
    public mutating func finish(onLine: (ArraySlice<UInt8>) -> Void) {
        if hasPartialLine { onLine(buffer[lineStart...]) }
        buffer.removeAll()
        lineStart = 0
        scanned = 0
    }

    private mutating func drain(_ onLine: (ArraySlice<UInt8>) -> Void) {
        while let newline = buffer[scanned...].firstIndex(of: 0x0A) {
            bytesExamined += newline + 1 - scanned
            onLine(buffer[lineStart..<newline])
            lineStart = newline + 1
            scanned = lineStart
        }
        bytesExamined += buffer.count - scanned
        scanned = buffer.count
        if lineStart > 0 {
            buffer.removeFirst(lineStart)
            scanned -= lineStart
            lineStart = 0
        }
    }
}
