import Foundation

/// A JSON value written by hand rather than by `JSONEncoder`: keys keep the documented order, a
/// missing value is an explicit `null`, numbers use Swift's shortest round-trip form, and
/// non-finite numbers (a never-reached time to target is +∞) become the strings "Infinity",
/// "-Infinity" and "NaN" — so the output is byte-identical on every platform and golden-testable.
indirect enum JSONNode: Equatable {
    case object([(String, JSONNode)])
    case array([JSONNode])
    case string(String)
    case number(Double)
    case integer(Int64)
    case bool(Bool)
    case null

    static func == (left: JSONNode, right: JSONNode) -> Bool { left.rendered() == right.rendered() }

    static func optional(_ value: Double?) -> JSONNode { value.map(JSONNode.number) ?? .null }
    static func optional(_ value: String?) -> JSONNode { value.map(JSONNode.string) ?? .null }
    static func optional(_ value: Int?) -> JSONNode { value.map { .integer(Int64($0)) } ?? .null }

    /// Pretty-printed with two-space indentation; arrays of scalars stay on one line.
    func rendered(indent: Int = 0) -> String {
        let padding = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case let .object(members):
            guard !members.isEmpty else { return "{}" }
            let lines = members.map { inner + JSONNode.quote($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + padding + "}"
        case let .array(elements):
            guard !elements.isEmpty else { return "[]" }
            if elements.allSatisfy(\.isScalar) {
                return "[" + elements.map { $0.rendered() }.joined(separator: ", ") + "]"
            }
            return "[\n" + elements.map { inner + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n" + padding + "]"
        case let .string(text): return JSONNode.quote(text)
        case let .number(value): return JSONNode.number(value)
        case let .integer(value): return String(value)
        case let .bool(flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }

    static func number(_ value: Double) -> String {
        if value.isNaN { return "\"NaN\"" }
        if value.isInfinite { return value > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
