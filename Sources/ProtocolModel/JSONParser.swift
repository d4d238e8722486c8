import Foundation

/// A strict RFC 8259 JSON parser that records the line and column of every value and key.
///
/// Hand-written (recursive descent) so that malformed files get precise, human messages —
/// "trailing comma is not allowed" at `12:5` — instead of Foundation's generic
/// "data couldn't be read". No extensions are accepted: no comments, no single quotes,
/// no trailing commas, no NaN/Infinity.
struct JSONParser {
    /// Deeper nesting than this is refused, so hostile input cannot exhaust the stack.
    static let maximumDepth = 128

    let bytes: [UInt8]
    var index = 0
    var line = 1
    var column = 1

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses one complete JSON document.
    static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        guard String(data: data, encoding: .utf8) != nil else {
            throw JSONSyntaxError(message: "the file is not valid UTF-8 text", position: SourcePosition(line: 1, column: 1))
        }
        var parser = JSONParser(bytes: [UInt8](data))
        return try parser.parseDocument()
    }

    /// Parses one complete JSON document given as text.
    static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Data(text.utf8))
    }

    // MARK: - Cursor

    var position: SourcePosition { SourcePosition(line: line, column: column) }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func advance() {
        guard index < bytes.count else { return }
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while let byte = current,
              byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
            advance()
        }
    }

    func failure(_ message: String, at position: SourcePosition? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message: message, position: position ?? self.position)
    }

    /// Names the character under the cursor for "found …".
    var foundHere: String {
        guard index < bytes.count else { return "end of input" }
        let byte = bytes[index]
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return "a line break" }
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        let rest = bytes[index..<min(bytes.count, index + 4)]
        if let scalar = String(decoding: rest, as: UTF8.self).unicodeScalars.first, byte >= 0x80 {
            return "'\(scalar)'"
        }
        return String(format: "the control character U+%04X", byte)
    }

    // MARK: - Grammar

    private mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3  // byte-order mark: not part of the text
        }
        skipWhitespace()
        if current == nil {
            throw failure("the file is empty; expected a JSON object")
        }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if current != nil {
            throw failure("expected end of input after the top-level value, found \(foundHere)")
        }
        return value
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard let byte = current else {
            throw failure("expected a value, found end of input")
        }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            let start = position
            return JSONValue(.string(try parseString()), at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case UInt8(ascii: "'"):
            throw failure("strings must be in double quotes, found '''")
        case UInt8(ascii: "/"):
            throw failure("comments are not allowed in JSON")
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            return try parseLiteral()
        default:
            throw failure("expected a value, found \(foundHere)")
        }
    }

    private mutating func parseLiteral() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        let startIndex = index
        while let byte = current, isWordCharacter(byte) {
            advance()
        }
        let word = String(decoding: bytes[startIndex..<index], as: UTF8.self)
        switch word {
        case "true": return JSONValue(.bool(true), at: start)
        case "false": return JSONValue(.bool(false), at: start)
        case "null": return JSONValue(.null, at: start)
        default:
            throw failure("invalid literal '\(word)'; expected a value (a string in double quotes, a number, true, false, null, an object or an array)", at: start)
        }
    }

    private func isWordCharacter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        let start = position
        if depth > JSONParser.maximumDepth {
            throw failure("nesting is too deep (more than \(JSONParser.maximumDepth) levels)")
        }
        advance()  // {
        var members: [JSONMember] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            advance()
            return JSONValue(.object([]), at: start)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else {
                if current == UInt8(ascii: "}") && !members.isEmpty {
                    throw failure("trailing comma is not allowed before '}'")
                }
                if current == UInt8(ascii: "'") {
                    throw failure("object keys must be in double quotes, found '''")
                }
                throw failure("expected a key in double quotes, found \(foundHere)")
            }
            let keyPosition = position
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else {
                throw failure("expected ':' after the key \(JSONValue.quoted(key)), found \(foundHere)")
            }
            advance()
            let value = try parseValue(depth: depth)
            members.append(JSONMember(key: key, keyPosition: keyPosition, value: value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                advance()
            case UInt8(ascii: "}"):
                advance()
                return JSONValue(.object(members), at: start)
            case nil:
                throw failure("unterminated object (opened at \(start)): expected ',' or '}' after object member, found end of input")
            default:
                throw failure("expected ',' or '}' after object member, found \(foundHere)")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        let start = position
        if depth > JSONParser.maximumDepth {
            throw failure("nesting is too deep (more than \(JSONParser.maximumDepth) levels)")
        }
        advance()  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            advance()
            return JSONValue(.array([]), at: start)
        }
        while true {
            skipWhitespace()
            if current == UInt8(ascii: "]") && !elements.isEmpty {
                throw failure("trailing comma is not allowed before ']'")
            }
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                advance()
            case UInt8(ascii: "]"):
                advance()
                return JSONValue(.array(elements), at: start)
            case nil:
                throw failure("unterminated array (opened at \(start)): expected ',' or ']' after array element, found end of input")
            default:
                throw failure("expected ',' or ']' after array element, found \(foundHere)")
            }
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        let startIndex = index
        if current == UInt8(ascii: "-") {
            advance()
        }
        guard let first = current, isDigit(first) else {
            throw failure("expected a digit after '-', found \(foundHere)")
        }
        advance()
        if first == UInt8(ascii: "0"), let next = current, isDigit(next) {
            throw failure("leading zeros are not allowed in numbers", at: start)
        }
        skipDigits()
        if current == UInt8(ascii: ".") {
            advance()
            guard let digit = current, isDigit(digit) else {
                throw failure("expected a digit after the decimal point, found \(foundHere)")
            }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            advance()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                advance()
            }
            guard let digit = current, isDigit(digit) else {
                throw failure("expected a digit in the exponent, found \(foundHere)")
            }
            skipDigits()
        }
        let literal = String(decoding: bytes[startIndex..<index], as: UTF8.self)
        guard let value = Double(literal), value.isFinite else {
            throw failure("the number \(literal) is too large", at: start)
        }
        return JSONValue(.number(JSONNumber(literal: literal, value: value)), at: start)
    }

    func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while let byte = current, isDigit(byte) {
            advance()
        }
    }
}
