import Foundation

/// A parsed JSON value that remembers where it came from.
///
/// Foundation's `JSONSerialization` and `JSONDecoder` lose source positions and silently merge
/// duplicate keys; the strict protocol decoder needs both, so it works on this tree instead.
struct JSONValue: Sendable, Equatable {
    /// The shape of a JSON value; objects keep their members in file order, duplicates included.
    indirect enum Kind: Sendable, Equatable {
        case null
        case bool(Bool)
        case number(JSONNumber)
        case string(String)
        case array([JSONValue])
        case object([JSONMember])
    }

    var kind: Kind
    var position: SourcePosition

    init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        self.position = position
    }
}

/// A JSON number kept both as written and as a `Double`.
///
/// The literal lets integers beyond 2^53 (such as 64-bit seeds) be read exactly and lets
/// error messages quote the number exactly as the user wrote it.
struct JSONNumber: Sendable, Equatable {
    var literal: String
    var value: Double
}

/// One `"key": value` member of a JSON object, with the key's own position.
struct JSONMember: Sendable, Equatable {
    var key: String
    var keyPosition: SourcePosition
    var value: JSONValue
}

extension JSONValue {
    /// A short phrase naming this value for "found …" in error messages.
    var foundDescription: String {
        switch kind {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.literal
        case .string(let text): return "the string \(JSONValue.quoted(text))"
        case .array(let elements): return elements.isEmpty ? "an empty array" : "an array"
        case .object: return "an object"
        }
    }

    /// The text in double quotes, escaped and shortened so a message stays on one line.
    static func quoted(_ text: String, limit: Int = 60) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            default:
                if scalar.value < 0x20 {
                    escaped += String(format: "\\u%04X", scalar.value)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        if escaped.count > limit {
            escaped = String(escaped.prefix(limit)) + "…"
        }
        return "\"\(escaped)\""
    }

    var objectMembers: [JSONMember]? {
        if case .object(let members) = kind { return members }
        return nil
    }

    var arrayElements: [JSONValue]? {
        if case .array(let elements) = kind { return elements }
        return nil
    }

    var stringValue: String? {
        if case .string(let text) = kind { return text }
        return nil
    }
}
