/// A small RFC 1951 (DEFLATE) decoder, so gzip-compressed IDX files (as MNIST is distributed) load without a
/// system zlib target or a child `gzip` process: Foundation on Linux has no decompression API, and shelling
/// out would make a corrupt download fail with an exit status instead of a byte offset. Table-driven Huffman
/// decoding over an unsafe buffer; every malformed or truncated stream throws `DatasetError` naming the file
/// and the compressed byte offset, and the output stops at `limit` bytes (a 1032:1 "zip bomb" is an error, not an
/// out-of-memory kill).
struct Inflater {
    private let input: UnsafeBufferPointer<UInt8>
    private let file: String
    /// Offset of `input[0]` in the file, for error messages.
    private let baseOffset: Int
    private var position = 0
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0
    private(set) var output: [UInt8] = []
    /// The most bytes the stream may inflate to.
    private let limit: Int

    /// Byte offset in the file just after the last byte the stream consumed.
    var endOffset: Int { baseOffset + position - bitCount / 8 }

    private init(input: UnsafeBufferPointer<UInt8>, file: String, baseOffset: Int, expectedSize: Int, limit: Int) {
        self.input = input
        self.file = file
        self.baseOffset = baseOffset
        self.limit = limit
        output.reserveCapacity(max(0, min(expectedSize, limit)))
    }

    /// Inflates the raw DEFLATE stream starting at `start`; returns the bytes and the offset where it ended.
    static func inflate(_ bytes: [UInt8], from start: Int, file: String, expectedSize: Int = 0,
                        limit: Int = DeclaredSize.memoryBudget) throws -> (bytes: [UInt8], end: Int) {
        try bytes.withUnsafeBufferPointer { whole in
            let slice = UnsafeBufferPointer(rebasing: whole[min(start, whole.count)...])
            var inflater = Inflater(input: slice, file: file, baseOffset: start, expectedSize: expectedSize, limit: limit)
            try inflater.run()
            return (inflater.output, inflater.endOffset)
        }
    }

    private var currentOffset: Int { baseOffset + position }

    private func corrupt(_ expected: String, _ found: String) -> DatasetError {
        .badFormat(file: file, offset: currentOffset, expected: expected, found: found)
    }

    /// Throws once the output would pass `limit` with `more` bytes.
    private func requireRoom(_ more: Int) throws {
        guard more <= limit - output.count else {
            throw DatasetError.tooLarge(file: file, offset: currentOffset, expected: "at most \(limit) inflated bytes",
                                        found: "a stream that inflates further")
        }
    }

    private mutating func fill(_ count: Int) {
        while bitCount < count && position < input.count {
            bitBuffer |= UInt64(input[position]) << UInt64(bitCount)
            position += 1
            bitCount += 8
        }
    }

    private mutating func bits(_ count: Int) throws -> Int {
        fill(count)
        guard bitCount >= count else {
            throw DatasetError.truncated(file: file, offset: currentOffset, needed: 1, available: 0)
        }
        let value = Int(bitBuffer & ((1 << UInt64(count)) - 1))
        bitBuffer >>= UInt64(count)
        bitCount -= count
        return value
    }

    private mutating func decode(_ table: HuffmanTable) throws -> Int {
        fill(table.maximumLength)
        let entry = table.entries[Int(bitBuffer & UInt64(table.entries.count - 1))]
        let length = Int(entry & 15)
        guard length != 0 else { throw corrupt("a valid Huffman code", "an unassigned code") }
        guard length <= bitCount else {
            throw DatasetError.truncated(file: file, offset: currentOffset, needed: 1, available: 0)
        }
        bitBuffer >>= UInt64(length)
        bitCount -= length
        return Int(entry >> 4)
    }

    private mutating func run() throws {
        var isLast = false
        while !isLast {
            isLast = try bits(1) == 1
            switch try bits(2) {
            case 0: try storedBlock()
            case 1: try compressedBlock(literals: HuffmanTable.fixedLiterals, distances: HuffmanTable.fixedDistances)
            case 2:
                let tables = try dynamicTables()
                try compressedBlock(literals: tables.literals, distances: tables.distances)
            default: throw corrupt("block type 0, 1 or 2", "block type 3")
            }
        }
    }

    private mutating func storedBlock() throws {
        // Discard the partial byte, then give back whole buffered bytes so the length is read byte-aligned.
        bitBuffer = 0
        position -= bitCount / 8
        bitCount = 0
        guard position + 4 <= input.count else {
            throw DatasetError.truncated(file: file, offset: currentOffset, needed: 4, available: input.count - position)
        }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard length == ~complement & 0xFFFF else {
            throw corrupt("a stored-block length and its one's complement", "\(length) and \(complement)")
        }
        position += 4
        guard position + length <= input.count else {
            throw DatasetError.truncated(file: file, offset: currentOffset, needed: length, available: input.count - position)
        }
        try requireRoom(length)
        output.append(contentsOf: input[position..<(position + length)])
        position += length
    }

    private mutating func dynamicTables() throws -> (literals: HuffmanTable, distances: HuffmanTable) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw corrupt("at most 286 literal and 30 distance codes", "\(literalCount) and \(distanceCount)")
        }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengthLengths[HuffmanTable.codeLengthOrder[index]] = try bits(3) }
        let codeLengths = try table(codeLengthLengths, what: "code-length code")
        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(codeLengths)
            switch symbol {
            case 0...15: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw corrupt("a length before a repeat code", "a repeat at the start") }
                lengths += repeatElement(previous, count: 3 + (try bits(2)))
            case 17: lengths += repeatElement(0, count: 3 + (try bits(3)))
            default: lengths += repeatElement(0, count: 11 + (try bits(7)))
            }
        }
        guard lengths.count == literalCount + distanceCount else {
            throw corrupt("\(literalCount + distanceCount) code lengths", "\(lengths.count) (a repeat ran past the end)")
        }
        guard lengths[256] != 0 else { throw corrupt("a code for end-of-block", "none") }
        return (try table(Array(lengths[..<literalCount]), what: "literal/length code"),
                try table(Array(lengths[literalCount...]), what: "distance code"))
    }

    private func table(_ lengths: [Int], what: String) throws -> HuffmanTable {
        guard let table = HuffmanTable(lengths: lengths) else { throw corrupt("a valid \(what)", "an over-subscribed code") }
        return table
    }

    private mutating func compressedBlock(literals: HuffmanTable, distances: HuffmanTable) throws {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                try requireRoom(1)
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < HuffmanTable.lengthBase.count else { throw corrupt("a length code 257…285", "\(symbol)") }
            let length = HuffmanTable.lengthBase[lengthIndex] + (try bits(HuffmanTable.lengthExtra[lengthIndex]))
            let distanceIndex = try decode(distances)
            guard distanceIndex < 30 else { throw corrupt("a distance code 0…29", "\(distanceIndex)") }
            let distance = HuffmanTable.distanceBase[distanceIndex] + (try bits(HuffmanTable.distanceExtra[distanceIndex]))
            guard distance <= output.count else {
                throw corrupt("a distance within the \(output.count) bytes written so far", "\(distance)")
            }
            try requireRoom(length)
            let start = output.count - distance
            for index in 0..<length { output.append(output[start + index]) }
        }
    }
}
