/// The IDX format of MNIST and Fashion-MNIST: a magic number `00 00 type rank`, `rank` big-endian UInt32
/// dimensions, then big-endian elements. Files are inflated first when gzipped.
///
/// Every element type is read as the magic number says: 08 unsigned bytes (0…255), 09 *signed* bytes
/// (−128…127), 0B int16, 0C int32, 0D float32, 0E float64. Whether a type suits the file's role (images,
/// labels) is `IDXDataset`'s decision. Dimensions are multiplied out with overflow checks and the data size
/// compared with the file before anything is allocated; float elements must be finite (float64 also within
/// float32's range, the type dlbench computes in).
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
        let count = try DeclaredSize.elements(shape, file: file, offset: 4)
        let dataOffset = reader.offset
        let byteCount = try DeclaredSize.bytes(count, of: type.size, shape: shape, file: file, offset: 4)
        try reader.require(byteCount)
        if reader.remaining > byteCount {
            throw DatasetError.countMismatch(
                file: file, offset: dataOffset + byteCount,
                expected: "\(byteCount) data bytes for shape \(shape)", found: "\(reader.remaining) (trailing bytes)")
        }
        try DeclaredSize.requireMemory(floats: count, shape: shape, file: file, offset: 4)
        let values = bytes.withUnsafeBufferPointer { source -> [Float] in
            [Float](unsafeUninitializedCapacity: count) { target, initialized in
                let base = dataOffset
                switch typeByte {
                case 0x08: for index in 0..<count { target[index] = Float(source[base + index]) }
                case 0x09: for index in 0..<count { target[index] = Float(Int8(bitPattern: source[base + index])) }
                default:
                    for index in 0..<count {
                        let bits = element(source, at: base + index * type.size, size: type.size)
                        switch typeByte {
                        case 0x0B: target[index] = Float(Int16(bitPattern: UInt16(truncatingIfNeeded: bits)))
                        case 0x0C: target[index] = Float(Int32(bitPattern: UInt32(truncatingIfNeeded: bits)))
                        case 0x0D: target[index] = Float(bitPattern: UInt32(truncatingIfNeeded: bits))
                        default: target[index] = Float(Double(bitPattern: bits))
                        }
                    }
                }
                initialized = count
            }
        }
        let array = NumericArray(shape: shape, values: values, dataOffset: dataOffset, elementSize: type.size, elementType: type.name)
        if typeByte == 0x0E, let index = values.firstIndex(where: { !$0.isFinite }) {
            let value = bytes.withUnsafeBufferPointer { Double(bitPattern: element($0, at: array.offset(of: index), size: 8)) }
            throw DatasetError.nonFinite(file: file, location: "byte \(array.offset(of: index)) (element \(index))",
                                         found: value.isFinite ? "\(value) (outside float32's range)" : "\(value)")
        }
        try array.requireFinite(file: file)
        return array
    }

    /// The big-endian element of `size` bytes at `offset` (in bounds: checked against the file size above).
    private static func element(_ source: UnsafeBufferPointer<UInt8>, at offset: Int, size: Int) -> UInt64 {
        var bits: UInt64 = 0
        for byte in 0..<size { bits = bits << 8 | UInt64(source[offset + byte]) }
        return bits
    }
}
