import Foundation
import Measurement

/// Renders a `Headline` for a terminal: per slot a title line with the verdict, then one compact table (engines
/// as rows; one unit per column), then the expectations. Fits one screen for the quickstart (6 slots × 3 engines
/// in about 40 lines of at most 100 columns); a column no engine has a value for is left out.
public enum HeadlineReport {
    /// Columns of the screen the headline is laid out for: a longer title and verdict split into two lines.
    static let width = 100

    /// `title`: a first line (run, protocol); `footer`: last lines (the warnings summary, where to find the rest).
    public static func render(_ headline: Headline, title: String? = nil, footer: [String] = [], colour: Bool) -> String {
        let bold = colour ? "\u{1B}[1m" : "", reset = colour ? "\u{1B}[0m" : ""
        var lines: [String] = []
        if let title { lines.append(title) }
        let showMachine = Set(headline.slots.map(\.machine)).count > 1
        let showRun = Set(headline.slots.map(\.runID)).count > 1
        for slot in headline.slots {
            if !lines.isEmpty { lines.append("") }
            let name = slot.title(showMachine: showMachine, showRun: showRun)
            if let verdict = slot.verdict, name.count + 2 + verdict.count > width {
                lines += [bold + name + reset, "  " + verdict]
            } else {
                lines.append(bold + name + reset + (slot.verdict.map { ": " + $0 } ?? ""))
            }
            lines += table(slot, colour: colour)
            lines += notes(slot)
        }
        if headline.slots.isEmpty { lines.append("no cases to show") }
        if !headline.expectations.isEmpty {
            lines.append("")
            lines += expectationLines(headline.expectations, colour: colour)
        }
        lines += headline.notes.map { "note: " + $0 }
        if !footer.isEmpty { lines.append("") }
        lines += footer
        return lines.map(trimmingTrailingSpaces).joined(separator: "\n") + "\n"
    }

    /// The slot's engines as rows of an aligned table, indented by two spaces, without a rule line.
    static func table(_ slot: HeadlineSlot, colour: Bool) -> [String] {
        let entries = slot.entries
        let primaryScale = QuantityScale.choose(unit: slot.unit, values: entries.map { $0.primary?.estimate })
        let firstStepScale = QuantityScale.choose(unit: "ms", values: entries.map { $0.timeToFirstStep?.estimate })
        let memoryScale = QuantityScale.choose(unit: "bytes", values: entries.map { $0.peakRSS?.estimate })
        var columns: [(TextTable.Column, (HeadlineEntry) -> TextTable.Cell)] = [
            (.init(title: "engine", alignment: .left), { .init($0.engine) }),
            (.init(title: slot.metric, alignment: .right), { entry in
                guard let estimate = entry.primary else { return statusCell(entry) }
                return .init(quantity(estimate.estimate, primaryScale))
            }),
            (.init(title: "95% CI", alignment: .right), { entry in
                .init(entry.primary?.interval.map { "\(primaryScale.format($0.lower))–\(primaryScale.format($0.upper))" } ?? "")
            }),
            (.init(title: "vs \(slot.baselineEngine)", alignment: .right), speedupCell),
        ]
        if entries.contains(where: { $0.timeToFirstStep != nil }) {
            columns.append((.init(title: "1st step", alignment: .right), { entry in
                .init(entry.timeToFirstStep.map { quantity($0.estimate, firstStepScale) } ?? "")
            }))
        }
        if entries.contains(where: { $0.breakEven != nil }) {
            columns.append((.init(title: "break-even", alignment: .right), { .init($0.breakEven?.text ?? "") }))
        }
        if entries.contains(where: { $0.peakRSS != nil }) {
            columns.append((.init(title: "peak RSS", alignment: .right), { entry in
                .init(entry.peakRSS.map { quantity($0.estimate, memoryScale) } ?? "")
            }))
        }
        if entries.contains(where: { $0.agreement != nil }) {
            columns.append((.init(title: "agreement", alignment: .right), { .init($0.agreement.map(deviation) ?? "") }))
        }
        var table = TextTable(columns: columns.map(\.0))
        for entry in entries { table.append(columns.map { $0.1(entry) }) }
        return table.render(colour: colour, rule: false).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map { "  " + $0 }
    }

    static func speedupCell(_ entry: HeadlineEntry) -> TextTable.Cell {
        if entry.isBaseline { return .init(entry.primary == nil ? "" : "baseline") }
        guard let comparison = entry.comparison else { return .init("") }
        let speedup = HeadlineSlot.factor(comparison.speedup)
        guard let interval = comparison.speedupInterval else { return .init(speedup) }
        return .init("\(speedup) (\(HeadlineSlot.range(interval)))")
    }

    static func statusCell(_ entry: HeadlineEntry) -> TextTable.Cell {
        .init(entry.status, style: entry.status == "failed" ? TerminalStyle.red : TerminalStyle.yellow)
    }

    /// "212.3 µs".
    static func quantity(_ value: Double, _ scale: QuantityScale) -> String { scale.format(value) + " " + scale.unit }

    /// "0", "2.4e-08".
    static func deviation(_ value: Double) -> String { value == 0 ? "0" : String(format: "%.1e", value) }

    /// Why an engine has no numbers, or only some (a failed case keeps its finished trials).
    static func notes(_ slot: HeadlineSlot) -> [String] {
        slot.entries.filter { !$0.succeeded }.map { entry in
            var line = "  \(entry.engine) \(entry.status)"
            if let message = entry.message, !message.isEmpty { line += ": " + TableReport.singleLine(message, limit: 80) }
            if entry.primary != nil { line += " (numbers from its finished trials)" }
            return line
        }
    }

    /// "expectations: 1 passed, 1 failed" and one line per outcome, as `dlbench check` decides them.
    static func expectationLines(_ outcomes: [ExpectationOutcome], colour: Bool) -> [String] {
        let passed = outcomes.filter { $0.verdict == .passed }.count
        let failed = outcomes.filter { $0.verdict == .failed }.count
        let undecided = outcomes.count - passed - failed
        var head = "expectations: \(passed) passed, \(failed) failed"
        if undecided > 0 { head += ", \(undecided) inconclusive" }
        let reset = colour ? "\u{1B}[0m" : ""
        return [head] + outcomes.map { outcome in
            let (word, style): (String, String) = switch outcome.verdict {
            case .passed: ("pass", TerminalStyle.green)
            case .failed: ("FAIL", TerminalStyle.red)
            case .inconclusive: ("????", TerminalStyle.yellow)
            }
            // Where it was checked, only when the expectation was checked in several places (machines, batch sizes).
            var place = ""
            if outcomes.filter({ $0.expectation == outcome.expectation }).count > 1 {
                place = " [\(outcome.machine)" + (outcome.batchSize.map { " batch \($0)" } ?? "") + "]"
            }
            var line = "  " + (colour ? style : "") + word + reset + "  \(outcome.expectation.summary)\(place): "
            if let problem = outcome.problem {
                line += problem
            } else if let speedup = outcome.speedup {
                line += HeadlineSlot.factor(speedup)
                if let interval = outcome.speedupInterval { line += " (95% CI \(HeadlineSlot.range(interval)))" }
                if outcome.verdict == .inconclusive { line += "; below the bound, but the interval reaches it" }
            }
            return line
        }
    }

    static func trimmingTrailingSpaces(_ line: String) -> String {
        var text = line
        while text.last == " " { text.removeLast() }
        return text
    }
}
