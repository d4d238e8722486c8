/// A JSON value that dlbench carries without interpreting it (an external engine's `options`), Codable so
/// it can be written into a worker request as it was written in the protocol.
public enum PassThroughJSON: Sendable, Equatable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([PassThroughJSON])
    case object([String: PassThroughJSON])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([PassThroughJSON].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: PassThroughJSON].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(flag): try container.encode(flag)
        case let .number(number): try container.encode(number)
        case let .string(text): try container.encode(text)
        case let .array(elements): try container.encode(elements)
        case let .object(members): try container.encode(members)
        }
    }

    /// The member `key` of an object; nil otherwise.
    public subscript(key: String) -> PassThroughJSON? {
        if case let .object(members) = self { return members[key] }
        return nil
    }
}

extension JSONValue {
    /// The same value without source positions; for duplicate keys the first wins (the decoder has already
    /// reported the duplicate).
    var passThrough: PassThroughJSON {
        switch kind {
        case .null: return .null
        case let .bool(flag): return .bool(flag)
        case let .number(number): return .number(number.value)
        case let .string(text): return .string(text)
        case let .array(elements): return .array(elements.map(\.passThrough))
        case let .object(members):
            var result: [String: PassThroughJSON] = [:]
            for member in members where result[member.key] == nil { result[member.key] = member.value.passThrough }
            return .object(result)
        }
    }
}
