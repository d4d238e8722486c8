/// Reads the members of one JSON object strictly.
///
/// Creating a reader reports a non-object value and duplicate keys; `checkKeys` reports keys
/// that are not allowed (with a "did you mean" hint); the field methods report missing keys and
/// bad values. All problems go to the shared `DecodingContext`, so decoding continues.
struct ObjectReader {
    let context: DecodingContext
    let path: JSONPath
    let position: SourcePosition
    private let members: [JSONMember]
    private var firstMembers: [String: JSONMember] = [:]

    init?(_ value: JSONValue, at path: JSONPath, context: DecodingContext, expectation: String = "an object") {
        guard let members = value.objectMembers else {
            context.reportMismatch(expected: expectation, found: value, at: path)
            return nil
        }
        self.context = context
        self.path = path
        self.position = value.position
        self.members = members
        for member in members {
            if let first = firstMembers[member.key] {
                context.report(
                    "duplicate key \(JSONValue.quoted(member.key)); expected each key at most once, found it again (first at line \(first.keyPosition.line), column \(first.keyPosition.column))",
                    at: path.appending(member.key), position: member.keyPosition)
            } else {
                firstMembers[member.key] = member
            }
        }
    }

    /// Reports every key not in `allowed`; `aliases` maps likely wrong spellings to the right key.
    func checkKeys(allowed: [String], aliases: [String: String] = [:]) {
        for member in members where !allowed.contains(member.key) {
            let suggestion = SpellingSuggestion.closest(to: member.key, among: allowed, aliases: aliases)
            let list = allowed.map { "'\($0)'" }.joined(separator: ", ")
            context.report(
                "unknown key \(JSONValue.quoted(member.key)); expected one of \(list)" + DecodingContext.hint(suggestion),
                at: path.appending(member.key), position: member.keyPosition)
        }
    }

    func contains(_ key: String) -> Bool { firstMembers[key] != nil }

    /// The value of `key` and its path, if present.
    func value(_ key: String) -> (value: JSONValue, path: JSONPath)? {
        firstMembers[key].map { (value: $0.value, path: path.appending(key)) }
    }

    /// Looks up `key` according to `requirement` and decodes it; reports a missing required key.
    func field<Value>(
        _ key: String, _ requirement: FieldRequirement<Value>, expectation: String,
        decode: (JSONValue, JSONPath) -> Value?
    ) -> Value? {
        guard let found = value(key) else {
            switch requirement {
            case .required:
                reportMissing(key, expectation: expectation)
                return nil
            case .optional:
                return nil
            case .defaulted(let fallback):
                return fallback
            }
        }
        return decode(found.value, found.path)
    }

    func reportMissing(_ key: String, expectation: String) {
        context.report("missing required key \(JSONValue.quoted(key)) (expected \(expectation))", at: path, position: position)
    }

    // MARK: - Typed fields

    func string(_ key: String, _ requirement: FieldRequirement<String> = .required, allowEmpty: Bool = false) -> String? {
        field(key, requirement, expectation: allowEmpty ? "a string" : "a non-empty string") {
            context.string($0, at: $1, allowEmpty: allowEmpty)
        }
    }

    func bool(_ key: String, _ requirement: FieldRequirement<Bool>) -> Bool? {
        field(key, requirement, expectation: "true or false") { context.bool($0, at: $1) }
    }

    func integer(_ key: String, _ requirement: FieldRequirement<Int> = .required, bounds: IntegerBounds) -> Int? {
        field(key, requirement, expectation: bounds.expectation) { context.integer($0, at: $1, bounds: bounds) }
    }

    func unsignedInteger(_ key: String, _ requirement: FieldRequirement<UInt64>) -> UInt64? {
        field(key, requirement, expectation: "an integer between 0 and \(UInt64.max)") { context.unsignedInteger($0, at: $1) }
    }

    func number(_ key: String, _ requirement: FieldRequirement<Double> = .required, bounds: NumberBounds) -> Double? {
        field(key, requirement, expectation: bounds.expectation) { context.number($0, at: $1, bounds: bounds) }
    }

    func enumeration<Value: RawRepresentable & CaseIterable>(
        _ key: String, _ requirement: FieldRequirement<Value> = .required, as type: Value.Type
    ) -> Value? where Value.RawValue == String {
        let expectation = "one of " + Value.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return field(key, requirement, expectation: expectation) { context.enumeration($0, at: $1, as: type) }
    }
}
