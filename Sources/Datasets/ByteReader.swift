#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A bounds-checked cursor over a binary file's bytes. Every read that would run past the end throws
/// `DatasetError.truncated` naming the file and offset, so binary loaders need no index arithmetic of their own.
struct ByteReader {
    let file: String
    let bytes: [UInt8]
    private(set) var offset = 0

    init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    var remaining: Int { bytes.count - offset }

    /// Throws unless `count` more bytes are available.
    func require(_ count: Int) throws {
        guard count >= 0, count <= remaining else {
            throw DatasetError.truncated(file: file, offset: offset, needed: count, available: remaining)
        }
    }

    mutating func byte() throws -> UInt8 {
        try require(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bigEndianUInt32() throws -> UInt32 {
        try require(4)
        defer { offset += 4 }
        return (0..<4).reduce(UInt32(0)) { ($0 << 8) | UInt32(bytes[offset + $1]) }
    }

    mutating func littleEndianUInt16() throws -> UInt16 {
        try require(2)
        defer { offset += 2 }
        return UInt16(bytes[offset]) | (UInt16(bytes[offset + 1]) << 8)
    }

    mutating func littleEndianUInt32() throws -> UInt32 {
        try require(4)
        defer { offset += 4 }
        return (0..<4).reduce(UInt32(0)) { $0 | (UInt32(bytes[offset + $1]) << (8 * UInt32($1))) }
    }

    mutating func littleEndianUInt64() throws -> UInt64 {
        try require(8)
        defer { offset += 8 }
        return (0..<8).reduce(UInt64(0)) { $0 | (UInt64(bytes[offset + $1]) << (8 * UInt64($1))) }
    }

    /// The next `count` bytes as a range into `bytes` (no copy).
    mutating func span(_ count: Int) throws -> Range<Int> {
        try require(count)
        defer { offset += count }
        return offset..<(offset + count)
    }

    mutating func skip(_ count: Int) throws { _ = try span(count) }
}

/// Reading whole files with errors that name the file.
enum FileBytes {
    /// A regular file's bytes. Devices and pipes are refused: `/dev/zero` named as a dataset would otherwise be read
    /// until memory runs out.
    static func read(_ path: String) throws -> [UInt8] {
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
            throw DatasetError.unreadable(file: path, reason: "it is not a regular file (a device, a pipe or a socket)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory, not a file" : "permission denied or I/O error"
            throw DatasetError.unreadable(file: path, reason: reason)
        }
        return [UInt8](data)
    }

    /// The file's bytes, inflated first when it starts with the gzip magic number (1f 8b).
    static func readDecompressing(_ path: String) throws -> [UInt8] {
        let raw = try read(path)
        return Gzip.isCompressed(raw) ? try Gzip.decompress(raw, file: path) : raw
    }
}
