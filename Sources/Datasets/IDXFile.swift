/// An n-dimensional array read from a binary file (IDX or NPY), converted to Float, with where its elements
/// sit in the file so that a bad element (an out-of-range label) is reported by byte offset.
public struct NumericArray: Sendable, Equatable {
    public var shape: [Int]
    public var values: [Float]
    /// Byte offset of the first element in the (decompressed) file.
    public var dataOffset: Int
    /// Bytes per element in the file.
    public var elementSize: Int

    /// Byte offset of element `index` in the (decompressed) file.
    public func offset(of index: Int) -> Int { dataOffset + index * elementSize }
}

/// The IDX format of MNIST and Fashion-MNIST: a magic number `00 00 type rank`, `rank` big-endian UInt32
/// dimensions, then big-endian elements. Files are inflated first when gzipped.
public enum IDXFile {
    /// Element types by their IDX type byte: (name, size in bytes).
    static let elementTypes: [UInt8: (name: String, size: Int)] = [
        0x08: ("unsigned byte", 1), 0x09: ("signed byte", 1), 0x0B: ("int16", 2), 0x0C: ("int32", 4),
        0x0D: ("float32", 4), 0x0E: ("float64", 8),
    ]

    public static func read(_ path: String) throws -> NumericArray {
        try parse(try FileBytes.readDecompressing(path), file: path)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws -> NumericArray {
        var reader = ByteReader(file: file, bytes: bytes)
        let zero0 = try reader.byte(), zero1 = try reader.byte(), typeByte = try reader.byte(), rank = try reader.byte()
        guard zero0 == 0, zero1 == 0, let type = elementTypes[typeByte], rank >= 1 else {
            throw DatasetError.badFormat(
                file: file, offset: 0, expected: "an IDX magic number 00 00 <type 08/09/0b/0c/0d/0e> <rank ≥ 1>",
                found: Gzip.hex([zero0, zero1, typeByte, rank]))
        }
        var shape: [Int] = []
        for _ in 0..<rank { shape.append(Int(try reader.bigEndianUInt32())) }
        let count = shape.reduce(1, *)
        let dataOffset = reader.offset
        let byteCount = count * type.size
        try reader.require(byteCount)
        if reader.remaining > byteCount {
            throw DatasetError.countMismatch(
                file: file, offset: dataOffset + byteCount,
                expected: "\(byteCount) data bytes for shape \(shape)", found: "\(reader.remaining) (trailing bytes)")
        }
        let values = bytes.withUnsafeBufferPointer { source -> [Float] in
            [Float](unsafeUninitializedCapacity: count) { target, initialized in
                let base = dataOffset
                switch typeByte {
                case 0x08: for index in 0..<count { target[index] = Float(source[base + index]) }
                case 0x09: for index in 0..<count { target[index] = Float(Int8(bitPattern: source[base + index])) }
                default:
                    for index in 0..<count {
                        var bits: UInt64 = 0
                        for byte in 0..<type.size { bits = bits << 8 | UInt64(source[base + index * type.size + byte]) }
                        switch typeByte {
                        case 0x0B: target[index] = Float(Int16(bitPattern: UInt16(bits)))
                        case 0x0C: target[index] = Float(Int32(bitPattern: UInt32(bits)))
                        case 0x0D: target[index] = Float(bitPattern: UInt32(bits))
                        default: target[index] = Float(Double(bitPattern: bits))
                        }
                    }
                }
                initialized = count
            }
        }
        return NumericArray(shape: shape, values: values, dataOffset: dataOffset, elementSize: type.size)
    }
}
