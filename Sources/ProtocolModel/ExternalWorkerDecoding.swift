/// Decoding of an `external` engine's `worker`, `options` and `environment` keys.
extension ProtocolDecoder {
    static let externalEngineKeys = ["worker", "options", "environment"]

    func decodeExternalWorker(_ reader: ObjectReader) -> ExternalWorkerSpec? {
        let mark = context.issueCount
        var arguments: [String]?
        let command = reader.string("worker")
        if let command, let found = reader.value("worker") {
            do {
                arguments = try ShellWords.split(command)
            } catch {
                context.report("cannot split the worker command: \(error)", at: found.path, position: found.value.position)
            }
        }
        let options = reader.field("options", .defaulted(PassThroughJSON.object([:])), expectation: "an object") { value, path in
            guard value.objectMembers != nil else {
                context.reportMismatch(expected: "an object (passed to the worker as it is)", found: value, at: path)
                return nil
            }
            return value.passThrough
        }
        let environment = reader.field("environment", .defaulted([String: String]()),
                                       expectation: "an object of strings") { value, path in
            decodeEnvironment(value, at: path)
        }
        guard context.hasNoIssues(since: mark), let command, let arguments, let options, let environment else { return nil }
        return ExternalWorkerSpec(command: command, arguments: arguments, options: options, environment: environment)
    }

    private func decodeEnvironment(_ value: JSONValue, at path: JSONPath) -> [String: String]? {
        guard let members = value.objectMembers else {
            context.reportMismatch(expected: "an object of strings, e.g. {\"PYTHONPATH\": \"Workers/python\"}", found: value,
                                   at: path)
            return nil
        }
        var result: [String: String] = [:]
        var valid = true
        for member in members {
            let memberPath = path.appending(member.key)
            if member.key.isEmpty || member.key.contains("=") {
                context.report("environment variable name \(JSONValue.quoted(member.key)) must be non-empty without '='",
                               at: memberPath, position: member.keyPosition)
                valid = false
            }
            guard let text = member.value.stringValue else {
                context.reportMismatch(expected: "a string", found: member.value, at: memberPath)
                valid = false
                continue
            }
            result[member.key] = text
        }
        return valid ? result : nil
    }
}
