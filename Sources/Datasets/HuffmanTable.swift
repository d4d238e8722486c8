/// A canonical Huffman code as one lookup table indexed by the next `maximumLength` input bits (DEFLATE packs
/// codes most-significant bit first into a least-significant-bit-first stream, so codes are stored reversed).
/// Each entry is `symbol << 4 | codeLength`; a zero entry marks an unassigned code.
struct HuffmanTable {
    let entries: [UInt16]
    let maximumLength: Int

    /// `nil` when the lengths over-subscribe the code space (not a prefix code).
    init?(lengths: [Int]) {
        let maximum = max(lengths.max() ?? 0, 1)
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths where length > 0 { counts[length] += 1 }
        var available = 1
        for length in 1...15 {
            available = available * 2 - counts[length]
            if available < 0 { return nil }
        }
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            nextCode[length] = code
        }
        var table = [UInt16](repeating: 0, count: 1 << maximum)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let assigned = nextCode[length]
            nextCode[length] += 1
            var reversed = 0
            for bit in 0..<length where assigned & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
            let entry = UInt16(symbol << 4 | length)
            var index = reversed
            while index < table.count {
                table[index] = entry
                index += 1 << length
            }
        }
        entries = table
        maximumLength = maximum
    }

    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                             131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                               2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    // The fixed codes of block type 1 (RFC 1951 §3.2.6); valid lengths, so construction cannot fail.
    static let fixedLiterals = HuffmanTable(
        lengths: Array(repeating: 8, count: 144) + Array(repeating: 9, count: 112) + Array(repeating: 7, count: 24)
            + Array(repeating: 8, count: 8)) ?? HuffmanTable.empty
    static let fixedDistances = HuffmanTable(lengths: Array(repeating: 5, count: 30)) ?? HuffmanTable.empty
    private static let empty = HuffmanTable(entries: [0, 0], maximumLength: 1)

    private init(entries: [UInt16], maximumLength: Int) {
        self.entries = entries
        self.maximumLength = maximumLength
    }
}
