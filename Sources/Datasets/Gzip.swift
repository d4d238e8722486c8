/// The gzip container (RFC 1952) around a DEFLATE stream: header fields are skipped, the CRC-32 and size in
/// the trailer are checked, and concatenated members are joined, as `gzip -dc` does.
enum Gzip {
    static func isCompressed(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// The inflated bytes of every member; all members together may inflate to at most `limit` bytes.
    static func decompress(_ bytes: [UInt8], file: String, limit: Int = DeclaredSize.memoryBudget) throws -> [UInt8] {
        var result: [UInt8] = []
        var start = 0
        repeat {
            let member = try decompressMember(bytes, from: start, file: file, limit: limit - result.count)
            result += member.bytes
            start = member.end
        } while start < bytes.count && isCompressed(Array(bytes[start...].prefix(2)))
        return result
    }

    private static func decompressMember(_ bytes: [UInt8], from start: Int, file: String,
                                         limit: Int) throws -> (bytes: [UInt8], end: Int) {
        var reader = ByteReader(file: file, bytes: bytes)
        try reader.skip(start)
        let id1 = try reader.byte(), id2 = try reader.byte()
        guard id1 == 0x1F, id2 == 0x8B else {
            throw DatasetError.badFormat(file: file, offset: start, expected: "gzip magic number 1f 8b", found: hex([id1, id2]))
        }
        let method = try reader.byte()
        guard method == 8 else {
            throw DatasetError.badFormat(file: file, offset: start + 2, expected: "compression method 8 (deflate)", found: "\(method)")
        }
        let flags = try reader.byte()
        guard flags & 0xE0 == 0 else {
            throw DatasetError.badFormat(file: file, offset: start + 3, expected: "reserved flag bits clear", found: hex([flags]))
        }
        try reader.skip(6)  // modification time, extra flags, operating system
        if flags & 0x04 != 0 { try reader.skip(Int(try reader.littleEndianUInt16())) }
        if flags & 0x08 != 0 { while try reader.byte() != 0 {} }
        if flags & 0x10 != 0 { while try reader.byte() != 0 {} }
        if flags & 0x02 != 0 { try reader.skip(2) }
        let expectedSize = bytes.count >= 4 ? Int(bytes[bytes.count - 4]) | Int(bytes[bytes.count - 3]) << 8
            | Int(bytes[bytes.count - 2]) << 16 | Int(bytes[bytes.count - 1]) << 24 : 0
        // The trailer's size is only a capacity hint: capped by DEFLATE's maximum ratio (1032:1) in case the file is cut.
        let inflated = try Inflater.inflate(bytes, from: reader.offset, file: file,
                                            expectedSize: min(expectedSize, (bytes.count - reader.offset) * 1032), limit: limit)
        var trailer = ByteReader(file: file, bytes: bytes)
        try trailer.skip(inflated.end)
        let crc = try trailer.littleEndianUInt32()
        let size = try trailer.littleEndianUInt32()
        let actualCRC = CRC32.checksum(inflated.bytes)
        guard crc == actualCRC else {
            throw DatasetError.badFormat(file: file, offset: inflated.end, expected: "CRC-32 \(hex32(crc)) of the inflated data",
                                         found: hex32(actualCRC))
        }
        guard size == UInt32(truncatingIfNeeded: inflated.bytes.count) else {
            throw DatasetError.countMismatch(file: file, offset: inflated.end + 4, expected: "\(size) inflated bytes (mod 2^32)",
                                             found: "\(inflated.bytes.count)")
        }
        return (inflated.bytes, trailer.offset)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined(separator: " ")
    }

    private static func hex32(_ value: UInt32) -> String { String(value, radix: 16).leftPadded(to: 8) }
}

/// CRC-32 (ISO 3309, reflected polynomial 0xEDB88320) as gzip uses it.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        (0..<8).reduce(UInt32(index)) { crc, _ in crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            bytes.withUnsafeBufferPointer { bytes in
                for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
            }
        }
        return ~crc
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
