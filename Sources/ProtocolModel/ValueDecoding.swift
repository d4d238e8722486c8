/// Decoders for single JSON values: each checks type and range, reports a precise
/// "expected …, found …" issue on failure and returns `nil`.
extension DecodingContext {
    func string(_ value: JSONValue, at path: JSONPath, allowEmpty: Bool = false) -> String? {
        let expectation = allowEmpty ? "a string" : "a non-empty string"
        guard let text = value.stringValue, allowEmpty || !text.isEmpty else {
            reportMismatch(expected: expectation, found: value, at: path)
            return nil
        }
        return text
    }

    func bool(_ value: JSONValue, at path: JSONPath) -> Bool? {
        guard case .bool(let flag) = value.kind else {
            reportMismatch(expected: "true or false", found: value, at: path)
            return nil
        }
        return flag
    }

    func integer(_ value: JSONValue, at path: JSONPath, bounds: IntegerBounds) -> Int? {
        guard case .number(let number) = value.kind else {
            reportMismatch(expected: bounds.expectation, found: value, at: path)
            return nil
        }
        guard number.value.rounded() == number.value else {
            report("expected \(bounds.expectation), found the non-integer number \(number.literal)", at: path, position: value.position)
            return nil
        }
        let exact = Int(number.literal) ?? (abs(number.value) <= 9_007_199_254_740_992 ? Int(exactly: number.value) : nil)
        guard let integer = exact, bounds.contains(integer) else {
            reportMismatch(expected: bounds.expectation, found: value, at: path)
            return nil
        }
        return integer
    }

    /// A 64-bit unsigned integer such as a seed; digits are read exactly, beyond 2^53 too.
    func unsignedInteger(_ value: JSONValue, at path: JSONPath) -> UInt64? {
        let expectation = "an integer between 0 and \(UInt64.max)"
        guard case .number(let number) = value.kind else {
            reportMismatch(expected: expectation, found: value, at: path)
            return nil
        }
        guard number.value.rounded() == number.value else {
            report("expected \(expectation), found the non-integer number \(number.literal)", at: path, position: value.position)
            return nil
        }
        let exact = UInt64(number.literal) ?? (number.value <= 9_007_199_254_740_992 ? UInt64(exactly: number.value) : nil)
        guard let integer = exact else {
            reportMismatch(expected: expectation, found: value, at: path)
            return nil
        }
        return integer
    }

    func number(_ value: JSONValue, at path: JSONPath, bounds: NumberBounds) -> Double? {
        guard case .number(let number) = value.kind, bounds.contains(number.value) else {
            reportMismatch(expected: bounds.expectation, found: value, at: path)
            return nil
        }
        return number.value
    }

    /// A string that must be one of an enum's raw values; lists them and suggests the closest.
    func enumeration<Value: RawRepresentable & CaseIterable>(
        _ value: JSONValue, at path: JSONPath, as type: Value.Type
    ) -> Value? where Value.RawValue == String {
        let allowed = Value.allCases.map(\.rawValue)
        let expectation = "one of " + allowed.map { "'\($0)'" }.joined(separator: ", ")
        guard let text = value.stringValue else {
            reportMismatch(expected: expectation, found: value, at: path)
            return nil
        }
        guard let result = Value(rawValue: text) else {
            reportMismatch(expected: expectation, found: value, at: path,
                           suggestion: SpellingSuggestion.closest(to: text, among: allowed))
            return nil
        }
        return result
    }

    /// The elements of an array with their paths.
    func array(_ value: JSONValue, at path: JSONPath, of elementDescription: String, allowEmpty: Bool) -> [(value: JSONValue, path: JSONPath)]? {
        let expectation = (allowEmpty ? "an array of " : "a non-empty array of ") + elementDescription
        guard let elements = value.arrayElements, allowEmpty || !elements.isEmpty else {
            reportMismatch(expected: expectation, found: value, at: path)
            return nil
        }
        return elements.enumerated().map { (value: $0.element, path: path.appending(index: $0.offset)) }
    }

    /// A non-empty array of unique values decoded one by one; duplicates are reported where they repeat.
    func uniqueList<Element: Hashable>(
        _ value: JSONValue, at path: JSONPath, of elementDescription: String,
        describe: (Element) -> String, decode: (JSONValue, JSONPath) -> Element?
    ) -> [Element]? {
        guard let elements = array(value, at: path, of: elementDescription, allowEmpty: false) else { return nil }
        let mark = issueCount
        var result: [Element] = []
        var firstPaths: [Element: JSONPath] = [:]
        for element in elements {
            guard let decoded = decode(element.value, element.path) else { continue }
            if let firstPath = firstPaths[decoded] {
                report("expected no duplicates in \(elementDescription), found \(describe(decoded)) again (first at \(firstPath))",
                       at: element.path, position: element.value.position)
                continue
            }
            firstPaths[decoded] = element.path
            result.append(decoded)
        }
        return hasNoIssues(since: mark) ? result : nil
    }
}
