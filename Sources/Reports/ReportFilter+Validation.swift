import ProtocolModel

/// A filter value that names nothing: `--metric steptime` must not quietly select zero rows and let a gate
/// "pass 0 checks".
public struct UnknownFilterValue: Error, CustomStringConvertible, Equatable {
    /// The option as typed, e.g. "--metric".
    public var option: String
    public var value: String
    public var known: [String]

    public var description: String {
        var text = "\(option) \(value) matches nothing"
        if let suggestion = SpellingSuggestion.closest(to: value, among: known) {
            text += "; did you mean \(suggestion)?"
        }
        let shown = known.prefix(12).joined(separator: ", ")
        return text + (known.isEmpty ? "" : " (known: \(shown)\(known.count > 12 ? ", …" : ""))")
    }
}

extension ReportFilter {
    /// Throws for the first value that matches no row of `rows` (for metrics: also none of the known metric
    /// names, so asking a run for a metric it did not record reads as a typo only when it is one).
    public func validate(against rows: [ReportRow]) throws {
        try Self.check("--task", tasks, known: rows.map(\.task))
        try Self.check("--engine", engines, known: rows.map(\.engine))
        try Self.check("--machine", machines, known: rows.map(\.machine))
        try Self.check("--metric", metrics, known: rows.map(\.metric).filter { !$0.isEmpty },
                       also: Metric.allCases.map(\.rawValue))
    }

    /// Throws unless `engine` ran in `rows` (for `--baseline-engine`).
    public static func validateEngine(_ engine: String, option: String, against rows: [ReportRow]) throws {
        try check(option, [engine], known: rows.map(\.engine))
    }

    private static func check(_ option: String, _ values: [String], known: [String], also: [String] = []) throws {
        var ordered: [String] = []
        for name in known where !ordered.contains(name) { ordered.append(name) }
        for value in values where !ordered.contains(value) {
            // A valid metric name that this run did not record is still a usage error: nothing would be checked.
            throw UnknownFilterValue(option: option, value: value, known: ordered.isEmpty ? also : ordered)
        }
    }
}
