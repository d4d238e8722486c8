import Foundation

/// One NumPy `.npy` array (format versions 1.0, 2.0 and 3.0; C order; little-endian `float32`, `uint8`, and
/// `int32`/`int64` for label arrays, which `np.save` writes for integer labels by default), converted to Float.
/// The shape is multiplied out with overflow checks and compared with the file's size before allocating;
/// float32 elements must be finite (a NaN is an error naming its byte offset, not a dataset that trains to NaN).
public enum NPYFile {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"
    static let elementTypes: [String: Int] = ["<f4": 4, "|u1": 1, "<u1": 1, "<i4": 4, "<i8": 8]

    public static func read(_ path: String) throws -> NumericArray {
        try parse(try FileBytes.read(path), file: path)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws -> NumericArray {
        var reader = ByteReader(file: file, bytes: bytes)
        let start = try reader.span(6)
        guard Array(bytes[start]) == magic else {
            throw DatasetError.badFormat(file: file, offset: 0, expected: "the NPY magic string 93 4e 55 4d 50 59 (\\x93NUMPY)",
                                         found: Gzip.hex(Array(bytes[start])))
        }
        let major = try reader.byte()
        _ = try reader.byte()
        let headerLength: Int
        switch major {
        case 1: headerLength = Int(try reader.littleEndianUInt16())
        case 2, 3: headerLength = Int(try reader.littleEndianUInt32())
        default: throw DatasetError.badFormat(file: file, offset: 6, expected: "format version 1, 2 or 3", found: "\(major)")
        }
        let headerStart = reader.offset
        let headerRange = try reader.span(headerLength)
        let header = String(decoding: bytes[headerRange], as: UTF8.self)
        let descriptor = try NPYHeader.stringValue("descr", in: header, file: file, offset: headerStart)
        guard let size = elementTypes[descriptor] else {
            throw DatasetError.badFormat(file: file, offset: headerStart,
                                         expected: "dtype '<f4' (float32), '|u1' (uint8), '<i4' or '<i8' (labels)",
                                         found: "'\(descriptor)'")
        }
        guard try NPYHeader.boolValue("fortran_order", in: header, file: file, offset: headerStart) == false else {
            throw DatasetError.badFormat(file: file, offset: headerStart, expected: "C order (fortran_order False)",
                                         found: "fortran_order True")
        }
        let shape = try NPYHeader.shape(in: header, file: file, offset: headerStart)
        let count = try DeclaredSize.elements(shape, file: file, offset: headerStart)
        let byteCount = try DeclaredSize.bytes(count, of: size, shape: shape, file: file, offset: headerStart)
        let dataOffset = reader.offset
        try reader.require(byteCount)
        if reader.remaining > byteCount {
            throw DatasetError.countMismatch(file: file, offset: dataOffset + byteCount,
                                             expected: "\(byteCount) data bytes for shape \(shape)",
                                             found: "\(reader.remaining) (trailing bytes)")
        }
        try DeclaredSize.requireMemory(floats: count, shape: shape, file: file, offset: headerStart)
        let values = bytes.withUnsafeBufferPointer { source -> [Float] in
            [Float](unsafeUninitializedCapacity: count) { target, initialized in
                for index in 0..<count {
                    var bits: UInt64 = 0
                    for byte in (0..<size).reversed() { bits = bits << 8 | UInt64(source[dataOffset + index * size + byte]) }
                    switch descriptor {
                    case "<f4": target[index] = Float(bitPattern: UInt32(truncatingIfNeeded: bits))
                    case "<i4": target[index] = Float(Int32(bitPattern: UInt32(truncatingIfNeeded: bits)))
                    case "<i8": target[index] = Float(Int64(bitPattern: bits))
                    default: target[index] = Float(bits)
                    }
                }
                initialized = count
            }
        }
        let array = NumericArray(shape: shape, values: values, dataOffset: dataOffset, elementSize: size, elementType: descriptor)
        try array.requireFinite(file: file)
        return array
    }
}

/// The few fields of an NPY header (a Python dict literal) that matter, read without a Python parser.
enum NPYHeader {
    private static func valueText(_ key: String, in header: String, file: String, offset: Int) throws -> Substring {
        guard let keyRange = header.range(of: "'\(key)'"),
              let colon = header[keyRange.upperBound...].firstIndex(of: ":") else {
            throw DatasetError.badFormat(file: file, offset: offset, expected: "a header with key '\(key)'",
                                         found: String(header.prefix(80)))
        }
        return header[header.index(after: colon)...].drop { $0 == " " }
    }

    static func stringValue(_ key: String, in header: String, file: String, offset: Int) throws -> String {
        let text = try valueText(key, in: header, file: file, offset: offset)
        guard let quote = text.first, quote == "'" || quote == "\"",
              let end = text.dropFirst().firstIndex(of: quote) else {
            throw DatasetError.badFormat(file: file, offset: offset, expected: "a quoted '\(key)'", found: String(text.prefix(20)))
        }
        return String(text[text.index(after: text.startIndex)..<end])
    }

    static func boolValue(_ key: String, in header: String, file: String, offset: Int) throws -> Bool {
        let text = try valueText(key, in: header, file: file, offset: offset)
        if text.hasPrefix("True") { return true }
        if text.hasPrefix("False") { return false }
        throw DatasetError.badFormat(file: file, offset: offset, expected: "True or False for '\(key)'", found: String(text.prefix(20)))
    }

    static func shape(in header: String, file: String, offset: Int) throws -> [Int] {
        let text = try valueText("shape", in: header, file: file, offset: offset)
        guard text.first == "(", let close = text.firstIndex(of: ")") else {
            throw DatasetError.badFormat(file: file, offset: offset, expected: "a shape tuple", found: String(text.prefix(30)))
        }
        let inner = text[text.index(after: text.startIndex)..<close]
        let parts = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let shape = parts.compactMap { Int($0) }
        guard shape.count == parts.count, shape.allSatisfy({ $0 >= 0 }) else {
            throw DatasetError.badFormat(file: file, offset: offset, expected: "non-negative integer dimensions", found: "(\(inner.prefix(80)))")
        }
        return shape
    }
}
