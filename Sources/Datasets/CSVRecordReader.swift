import Foundation

/// One record of a CSV file: its fields and where it starts (1-based line, byte offset), for error messages.
struct CSVRecord: Equatable {
    let line: Int
    let offset: Int
    let fields: [String]
}

/// Records of an RFC 4180 CSV file, as Python's `csv` module, pandas and spreadsheets write them: fields separated by
/// commas, records by CRLF, LF or a lone CR, the last line end optional, a leading UTF-8 byte order mark skipped. A
/// field in double quotes may hold commas, line ends and doubled quotes (`""` reads as `"`). Unquoted fields lose the
/// spaces and tabs around them; quoted fields keep their content verbatim (spaces before the opening and after the
/// closing quote are allowed). Lines holding only spaces and tabs are skipped. Malformed quoting is a
/// `DatasetError.badSyntax` naming the line, column and byte, never a silently shifted column.
struct CSVRecordReader {
    private let bytes: [UInt8]
    private let file: String
    private var position = 0
    private var line = 1
    /// Offset of the first byte of the current line, for columns.
    private var lineStart = 0

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
            lineStart = 3
        }
    }

    /// The next record that is not blank, or nil at the end of the file.
    mutating func next() throws -> CSVRecord? {
        while position < bytes.count {
            let record = try readRecord()
            if record.fields.count == 1, record.fields[0].isEmpty, !record.firstFieldQuoted { continue }
            return CSVRecord(line: record.line, offset: record.offset, fields: record.fields)
        }
        return nil
    }

    private mutating func readRecord() throws -> (line: Int, offset: Int, fields: [String], firstFieldQuoted: Bool) {
        let start = (line: line, offset: position)
        var fields: [String] = []
        var firstFieldQuoted = false
        while true {
            let field = try readField()
            if fields.isEmpty { firstFieldQuoted = field.quoted }
            fields.append(field.value)
            guard position < bytes.count else { break }
            if bytes[position] == Self.comma {
                position += 1
                continue
            }
            skipLineEnd()
            break
        }
        return (start.line, start.offset, fields, firstFieldQuoted)
    }

    /// One field; stops at the comma, line end or end of file after it (not consumed).
    private mutating func readField() throws -> (value: String, quoted: Bool) {
        skipSpaces()
        guard position < bytes.count, bytes[position] == Self.quote else { return (try readUnquoted(), false) }
        let opening = (line: line, column: column(of: position), offset: position)
        position += 1
        var content: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw DatasetError.badSyntax(file: file, line: opening.line, column: opening.column, offset: opening.offset,
                                             expected: "a closing quote for the field that opens here",
                                             found: "the end of the file")
            }
            let byte = bytes[position]
            if byte == Self.quote {
                if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                    content.append(Self.quote)
                    position += 2
                    continue
                }
                position += 1
                break
            }
            if byte == Self.cr || byte == Self.lf {
                let end = position
                skipLineEnd()
                content += bytes[end..<position]
                continue
            }
            content.append(byte)
            position += 1
        }
        skipSpaces()
        if position < bytes.count, ![Self.comma, Self.cr, Self.lf].contains(bytes[position]) {
            throw syntaxError(at: position, expected: "a comma or a line end after the closing quote")
        }
        return (String(decoding: content, as: UTF8.self), true)
    }

    private mutating func readUnquoted() throws -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.comma || byte == Self.cr || byte == Self.lf { break }
            if byte == Self.quote {
                throw syntaxError(at: position, expected: "a quote only around a whole field (write it as \"…\", any quote inside doubled)",
                                  found: "'\"' inside an unquoted field")
            }
            position += 1
        }
        var end = position
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        // Rare: other Unicode spaces (no-break space, …) around a field, trimmed as before this reader existed.
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              !first.isASCII || !last.isASCII else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
            position += 1
        }
    }

    /// Consumes one CRLF, LF or CR at `position` and starts a new line.
    private mutating func skipLineEnd() {
        let wasCR = bytes[position] == Self.cr
        position += 1
        if wasCR, position < bytes.count, bytes[position] == Self.lf { position += 1 }
        line += 1
        lineStart = position
    }

    /// The 1-based column of `offset` in the current line, in characters (UTF-8 continuation bytes not counted).
    private func column(of offset: Int) -> Int {
        bytes[lineStart..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
    }

    /// `found` defaults to the character at `offset`.
    private func syntaxError(at offset: Int, expected: String, found: String? = nil) -> DatasetError {
        let character = String(decoding: bytes[offset..<min(offset + 4, bytes.count)], as: UTF8.self).first.map { "'\($0)'" }
        return .badSyntax(file: file, line: line, column: column(of: offset), offset: offset, expected: expected,
                          found: found ?? character ?? "byte \(bytes[offset])")
    }
}
