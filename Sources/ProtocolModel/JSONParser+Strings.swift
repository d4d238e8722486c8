import Foundation

/// String literals: escapes, `\u` escapes with UTF-16 surrogate pairs, and the errors for each.
extension JSONParser {
    /// Parses a string starting at its opening quote; returns its decoded contents.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = position
        advance()  // opening quote
        var buffer: [UInt8] = []
        while true {
            guard let byte = current else {
                throw failure("unterminated string (missing closing '\"')", at: start)
            }
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &buffer)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw failure("unterminated string (a line break inside a string must be written as \\n)", at: start)
            case 0..<0x20:
                throw failure(String(format: "the control character U+%04X must be escaped inside a string", byte))
            default:
                buffer.append(byte)
                advance()
            }
        }
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
        let escapeStart = position
        advance()  // backslash
        guard let byte = current else {
            throw failure("unterminated string (missing closing '\"')")
        }
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"), UInt8(ascii: "/"): UInt8(ascii: "/"),
            UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
        ]
        if let replacement = simple[byte] {
            buffer.append(replacement)
            advance()
            return
        }
        guard byte == UInt8(ascii: "u") else {
            let shown = byte >= 0x20 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : "?"
            throw failure("invalid escape sequence '\\\(shown)' in string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", at: escapeStart)
        }
        advance()
        let unit = try parseHexQuad(escapeStart: escapeStart)
        var scalarValue = UInt32(unit)
        if (0xD800...0xDBFF).contains(unit) {
            guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                throw failure("unpaired UTF-16 high surrogate \\u\(String(unit, radix: 16, uppercase: true)) in string", at: escapeStart)
            }
            advance()
            advance()
            let low = try parseHexQuad(escapeStart: escapeStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw failure("UTF-16 high surrogate \\u\(String(unit, radix: 16, uppercase: true)) is not followed by a low surrogate", at: escapeStart)
            }
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(unit) {
            throw failure("unpaired UTF-16 low surrogate \\u\(String(unit, radix: 16, uppercase: true)) in string", at: escapeStart)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            throw failure("invalid \\u escape in string", at: escapeStart)
        }
        buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private mutating func parseHexQuad(escapeStart: SourcePosition) throws(JSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = hexValue(byte) else {
                throw failure("expected four hexadecimal digits after \\u, found \(foundHere)")
            }
            value = value << 4 | UInt16(digit)
            advance()
        }
        return value
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
