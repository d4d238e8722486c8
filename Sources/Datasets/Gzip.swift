import CZlib

/// gzip files (RFC 1952, as MNIST is distributed) inflated by the system zlib: concatenated members are joined, as
/// `gzip -dc` does, and zlib checks every member's CRC-32 and length. Every failure is a `DatasetError` naming the file
/// and a byte offset in the compressed file, and the output stops at `limit` bytes, so a 1032:1 "zip bomb" is an
/// error, not an out-of-memory kill.
enum Gzip {
    static func isCompressed(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// Output is inflated into a scratch buffer of this size and appended, so memory grows with the data, not ahead of it.
    private static let chunkSize = 1 << 18

    /// The inflated bytes of every member; all members together may inflate to at most `limit` bytes. Bytes after
    /// the last member that do not start another one are ignored, as `gzip -dc` does (tar padding, for instance).
    static func decompress(_ bytes: [UInt8], file: String, limit: Int = DeclaredSize.memoryBudget) throws -> [UInt8] {
        try requireMemberHeader(bytes, at: 0, file: file)
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let status = dlbench_inflate_init_gzip(stream)
        guard status == Z_OK else {
            throw DatasetError.unreadable(file: file, reason: "zlib could not start inflating (\(message(stream, status)))")
        }
        var output: [UInt8] = []
        // The last member's size field is only a capacity hint, capped by DEFLATE's maximum ratio in case the file is cut.
        output.reserveCapacity(min(trailerSize(bytes), bytes.count * 1032, limit))
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
        defer { scratch.deallocate() }
        try bytes.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress, let scratchBase = scratch.baseAddress else { return }
            var position = 0
            var memberStart = 0
            while true {
                if stream.pointee.avail_in == 0 {
                    // avail_in is 32-bit: larger files are fed in pieces.
                    stream.pointee.next_in = UnsafeMutablePointer(mutating: base + position)
                    stream.pointee.avail_in = UInt32(min(input.count - position, Int(UInt32.max)))
                }
                stream.pointee.next_out = scratchBase
                stream.pointee.avail_out = UInt32(chunkSize)
                let status = inflate(stream, Z_NO_FLUSH)
                position = base.distance(to: stream.pointee.next_in)
                let produced = chunkSize - Int(stream.pointee.avail_out)
                guard produced <= limit - output.count else {
                    throw DatasetError.tooLarge(file: file, offset: position, expected: "at most \(limit) inflated bytes",
                                                found: "a stream that inflates further")
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<produced]))
                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    guard position + 1 < input.count, input[position] == 0x1F, input[position + 1] == 0x8B else { return }
                    try requireMemberHeader(bytes, at: position, file: file)
                    memberStart = position
                    inflateReset(stream)
                case Z_BUF_ERROR where position == input.count:
                    throw DatasetError.truncated(file: file, offset: position, needed: 1, available: 0)
                case Z_DATA_ERROR:
                    throw dataError(stream, input: input, at: position, file: file)
                default:
                    throw DatasetError.badFormat(file: file, offset: position,
                                                 expected: "a gzip member that zlib can inflate (member at byte \(memberStart))",
                                                 found: message(stream, status))
                }
            }
        }
        return output
    }

    /// The fixed first bytes of a member, checked here so their errors name the exact byte; zlib checks the rest.
    private static func requireMemberHeader(_ bytes: [UInt8], at start: Int, file: String) throws {
        guard bytes.count - start >= 2 else {
            throw DatasetError.truncated(file: file, offset: start, needed: 2, available: bytes.count - start)
        }
        guard bytes[start] == 0x1F, bytes[start + 1] == 0x8B else {
            throw DatasetError.badFormat(file: file, offset: start, expected: "gzip magic number 1f 8b",
                                         found: hex([bytes[start], bytes[start + 1]]))
        }
        if start + 2 < bytes.count, bytes[start + 2] != 8 {
            throw DatasetError.badFormat(file: file, offset: start + 2, expected: "compression method 8 (deflate)",
                                         found: "\(bytes[start + 2])")
        }
        if start + 3 < bytes.count, bytes[start + 3] & 0xE0 != 0 {
            throw DatasetError.badFormat(file: file, offset: start + 3, expected: "reserved flag bits clear",
                                         found: hex([bytes[start + 3]]))
        }
    }

    /// zlib stops right after a failed trailer field, so those name its first byte; inside the compressed data the
    /// offset is where zlib stopped reading, at most a few bytes past the damage.
    private static func dataError(_ stream: UnsafeMutablePointer<z_stream>, input: UnsafeBufferPointer<UInt8>,
                                  at position: Int, file: String) -> DatasetError {
        let text = message(stream, Z_DATA_ERROR)
        let field = position - 4
        switch text {
        case "incorrect data check" where field >= 0:
            return .badFormat(file: file, offset: field, expected: "CRC-32 \(hex32(littleEndian32(input, at: field))) of the inflated data",
                              found: hex32(UInt32(truncatingIfNeeded: stream.pointee.adler)))
        case "incorrect length check" where field >= 0:
            return .countMismatch(file: file, offset: field, expected: "\(littleEndian32(input, at: field)) inflated bytes (mod 2^32)",
                                  found: "\(stream.pointee.total_out)")
        default:
            return .badFormat(file: file, offset: position, expected: "valid DEFLATE data", found: "\(text) (zlib)")
        }
    }

    private static func message(_ stream: UnsafeMutablePointer<z_stream>, _ status: Int32) -> String {
        if let text = stream.pointee.msg { return String(cString: text) }
        return "zlib status \(status)"
    }

    private static func littleEndian32(_ input: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(input[offset + $1]) << (8 * UInt32($1)) }
    }

    private static func trailerSize(_ bytes: [UInt8]) -> Int {
        guard bytes.count >= 4 else { return 0 }
        return bytes.withUnsafeBufferPointer { Int(littleEndian32($0, at: $0.count - 4)) }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined(separator: " ")
    }

    private static func hex32(_ value: UInt32) -> String { String(value, radix: 16).leftPadded(to: 8) }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
