import Foundation

/// The digest as text: one summary line for the end of `run` and the headline, the grouped form for
/// `report --warnings` / `run --warnings`.
extension WarningDigest {
    /// "12 warnings (3 kinds: trial-spread, high-variation, harness-overhead); details: `COMMAND`".
    public func summaryLine(detailsCommand: String) -> String {
        guard total > 0 else { return "no warnings" }
        let kinds = "\(groups.count) kind\(groups.count == 1 ? "" : "s"): " + groups.map(\.kind).joined(separator: ", ")
        return "\(total) warning\(total == 1 ? "" : "s") (\(kinds)); details: `\(detailsCommand)`"
    }

    /// Each kind once: its meaning, the cases (or run-wide messages) it concerns, and the hint.
    public func rendered(colour: Bool) -> String {
        guard total > 0 else { return "no warnings\n" }
        let yellow = colour ? TerminalStyle.yellow : "", dim = colour ? TerminalStyle.dim : ""
        let reset = colour ? "\u{1B}[0m" : ""
        var blocks: [String] = []
        for group in groups {
            var head = yellow + group.kind + reset
            if !group.cases.isEmpty { head += " · \(group.cases.count) case\(group.cases.count == 1 ? "" : "s")" }
            if let meaning = group.meaning { head += ": " + meaning }
            var lines = [head]
            lines += group.general.map { "  " + $0 }
            for concern in group.cases {
                lines.append("  \(concern.label): " + concern.details.joined(separator: "; "))
            }
            if let hint = group.hint { lines.append("  \(dim)what to do: \(hint)\(reset)") }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }
}
