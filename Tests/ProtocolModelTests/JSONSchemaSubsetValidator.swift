@testable import ProtocolModel

/// A deliberately small JSON Schema (draft 2020-12) validator, enough to check that
/// Protocols/protocol.schema.json agrees with the decoder.
///
/// Supports: type, properties, required, additionalProperties, enum, const, minimum, maximum,
/// exclusiveMinimum, exclusiveMaximum, minLength, minItems, items, uniqueItems, oneOf, anyOf,
/// not, and `$ref` to `#/$defs/…`. Any other keyword is reported as an error, so the schema
/// cannot silently rely on something this validator ignores.
struct JSONSchemaSubsetValidator {
    let root: JSONValue

    /// `enumDescriptions`: the editors' (VS Code's) per-value descriptions of an `enum`; an annotation only.
    private static let annotationKeywords: Set<String> = ["$schema", "$id", "title", "description", "$defs", "default",
                                                          "enumDescriptions"]

    /// Violations as `path: reason`; empty when the instance is valid.
    func validate(_ instance: JSONValue) -> [String] {
        validate(instance, against: root, path: "$")
    }

    /// Violations of one sub-schema (such as a `$defs` entry); `$ref`s still resolve against the root.
    func validate(_ instance: JSONValue, against schema: JSONValue) -> [String] {
        validate(instance, against: schema, path: "$")
    }

    private func validate(_ instance: JSONValue, against schema: JSONValue, path: String) -> [String] {
        if case .bool(let allowed) = schema.kind {
            return allowed ? [] : ["\(path): no value is allowed here"]
        }
        guard let keywords = schema.objectMembers else { return ["\(path): schema is not an object"] }
        var errors: [String] = []
        let members = Dictionary(keywords.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        for (keyword, value) in members {
            switch keyword {
            case _ where Self.annotationKeywords.contains(keyword):
                continue
            case "$ref":
                guard let target = resolve(value.stringValue ?? "") else {
                    errors.append("\(path): unresolvable $ref")
                    continue
                }
                errors += validate(instance, against: target, path: path)
            case "type":
                let names = value.arrayElements?.compactMap(\.stringValue) ?? [value.stringValue ?? ""]
                if !names.contains(where: { Self.matchesType(instance, $0) }) {
                    errors.append("\(path): expected type \(names.joined(separator: "|"))")
                }
            case "enum":
                if !(value.arrayElements ?? []).contains(where: { Self.equal($0, instance) }) {
                    errors.append("\(path): not one of the enum values")
                }
            case "const":
                if !Self.equal(value, instance) { errors.append("\(path): not the const value") }
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
                errors += checkBound(keyword, value, instance, path: path)
            case "minLength":
                if let text = instance.stringValue, let limit = Self.number(value), Double(text.unicodeScalars.count) < limit {
                    errors.append("\(path): string shorter than \(limit)")
                }
            case "minItems":
                if let elements = instance.arrayElements, let limit = Self.number(value), Double(elements.count) < limit {
                    errors.append("\(path): fewer than \(limit) items")
                }
            case "uniqueItems":
                if case .bool(true) = value.kind, let elements = instance.arrayElements {
                    for (index, element) in elements.enumerated() where elements[..<index].contains(where: { Self.equal($0, element) }) {
                        errors.append("\(path)[\(index)]: duplicate item")
                    }
                }
            case "items":
                for (index, element) in (instance.arrayElements ?? []).enumerated() {
                    errors += validate(element, against: value, path: "\(path)[\(index)]")
                }
            case "properties":
                guard let instanceMembers = instance.objectMembers else { continue }
                for property in value.objectMembers ?? [] {
                    for member in instanceMembers where member.key == property.key {
                        errors += validate(member.value, against: property.value, path: "\(path).\(member.key)")
                    }
                }
            case "required":
                guard let instanceMembers = instance.objectMembers else { continue }
                for key in value.arrayElements?.compactMap(\.stringValue) ?? [] where !instanceMembers.contains(where: { $0.key == key }) {
                    errors.append("\(path): missing required \(key)")
                }
            case "additionalProperties":
                guard let instanceMembers = instance.objectMembers else { continue }
                let declared = Set(members["properties"]?.objectMembers?.map(\.key) ?? [])
                for member in instanceMembers where !declared.contains(member.key) {
                    errors += validate(member.value, against: value, path: "\(path).\(member.key)")
                }
            case "oneOf", "anyOf":
                let matches = (value.arrayElements ?? []).filter { validate(instance, against: $0, path: path).isEmpty }.count
                if keyword == "oneOf" ? matches != 1 : matches == 0 {
                    errors.append("\(path): \(matches) of the \(keyword) alternatives match")
                }
            case "not":
                if validate(instance, against: value, path: path).isEmpty { errors.append("\(path): matches a 'not' schema") }
            default:
                errors.append("\(path): unsupported schema keyword \(keyword)")
            }
        }
        return errors
    }

    private func resolve(_ reference: String) -> JSONValue? {
        let prefix = "#/$defs/"
        guard reference.hasPrefix(prefix) else { return nil }
        let name = String(reference.dropFirst(prefix.count))
        return root.objectMembers?.first { $0.key == "$defs" }?.value.objectMembers?.first { $0.key == name }?.value
    }

    private func checkBound(_ keyword: String, _ limitValue: JSONValue, _ instance: JSONValue, path: String) -> [String] {
        guard let limit = Self.number(limitValue), let value = Self.number(instance) else { return [] }
        let satisfied: Bool
        switch keyword {
        case "minimum": satisfied = value >= limit
        case "maximum": satisfied = value <= limit
        case "exclusiveMinimum": satisfied = value > limit
        default: satisfied = value < limit
        }
        return satisfied ? [] : ["\(path): \(value) violates \(keyword) \(limit)"]
    }

    private static func number(_ value: JSONValue) -> Double? {
        if case .number(let number) = value.kind { return number.value }
        return nil
    }

    private static func matchesType(_ instance: JSONValue, _ name: String) -> Bool {
        switch (name, instance.kind) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object):
            return true
        case ("integer", .number(let number)):
            return number.value.rounded() == number.value
        default:
            return false
        }
    }

    /// JSON equality: positions ignored, numbers by value, object members in any order.
    static func equal(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left.kind, right.kind) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a.value == b.value
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case let (.object(a), .object(b)):
            return a.count == b.count && a.allSatisfy { member in b.contains { $0.key == member.key && equal($0.value, member.value) } }
        default: return false
        }
    }
}
