/// The decoded entries of one named section (`machines`, `datasets`, …) plus every name it defines.
///
/// `names` includes entries that failed to decode for other reasons, so one bad field does not
/// also turn every reference to that entry into an "undefined" error.
struct NamedSection<Item> {
    var items: [Item]
    var names: [String]
}

/// The names each section defines; `nil` where the section itself is missing or malformed,
/// in which case references into it are not checked (the section's own issue says enough).
struct DefinedNames {
    var machines: [String]?
    var datasets: [String]?
    var models: [String]?
    var engines: [String]?
}

extension ProtocolDecoder {
    /// Decodes a required, non-empty array of named objects and reports duplicate names.
    func namedSection<Item>(
        _ key: String, in reader: ObjectReader, noun: String,
        decodeItem: (JSONValue, JSONPath) -> Item?
    ) -> NamedSection<Item>? {
        let description = "\(noun) objects"
        guard let found = reader.value(key) else {
            reader.reportMissing(key, expectation: "a non-empty array of \(description)")
            return nil
        }
        guard let elements = context.array(found.value, at: found.path, of: description, allowEmpty: false) else { return nil }
        var items: [Item] = []
        var names: [String] = []
        var firstDefinitions: [String: JSONPath] = [:]
        for element in elements {
            let nameMember = element.value.objectMembers?.first { $0.key == "name" }
            if let nameMember, let name = nameMember.value.stringValue, !name.isEmpty {
                if let first = firstDefinitions[name] {
                    context.report(
                        "duplicate \(noun) name \(JSONValue.quoted(name)); expected a name not used by another \(noun), found the same name as \(first)",
                        at: element.path.appending("name"), position: nameMember.value.position)
                } else {
                    firstDefinitions[name] = element.path
                    names.append(name)
                }
            }
            if let item = decodeItem(element.value, element.path) {
                items.append(item)
            }
        }
        return NamedSection(items: items, names: names)
    }

    /// Checks that `name` is defined in a section; suggests the closest defined name.
    func checkReference(
        _ name: String, at path: JSONPath, position: SourcePosition, noun: String, section: String, defined: [String]?
    ) {
        guard let defined, !defined.contains(name) else { return }
        let list = defined.map { "'\($0)'" }.joined(separator: ", ")
        let suggestion = SpellingSuggestion.closest(to: name, among: defined)
        context.report(
            "undefined \(noun) \(JSONValue.quoted(name)); expected the name of \(withArticle(noun)) defined in '\(section)' (\(list))"
                + DecodingContext.hint(suggestion),
            at: path, position: position)
    }

    /// A reference field such as a task's `model`.
    func reference(
        _ key: String, in reader: ObjectReader, noun: String, section: String, defined: [String]?
    ) -> String? {
        reader.field(key, .required, expectation: "the name of \(withArticle(noun)) defined in '\(section)'") { value, path in
            guard let name = context.string(value, at: path) else { return nil }
            checkReference(name, at: path, position: value.position, noun: noun, section: section, defined: defined)
            return name
        }
    }

    func withArticle(_ noun: String) -> String {
        guard let first = noun.first else { return noun }
        return ("aeiou".contains(first) ? "an " : "a ") + noun
    }

    /// An optional list of references such as a task's `engines`.
    func referenceList(
        _ key: String, in reader: ObjectReader, noun: String, section: String, defined: [String]?
    ) -> [String]? {
        reader.field(key, .optional, expectation: "") { value, path in
            context.uniqueList(value, at: path, of: "\(noun) names", describe: { JSONValue.quoted($0) }) { element, elementPath in
                guard let name = context.string(element, at: elementPath) else { return nil }
                checkReference(name, at: elementPath, position: element.position, noun: noun, section: section, defined: defined)
                return name
            }
        }
    }
}
