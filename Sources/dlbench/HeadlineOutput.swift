import Foundation
import Reports
import ResultStore

/// The answer at a glance, shared by the end of `run` and the default `report`: the headline of the runs, then
/// one line for their warnings (or, asked for, the grouped warnings) and where the full table is.
struct HeadlineOutput {
    var store: ResultStore
    var runs: [ReportRun]
    var rows: [ReportRow]
    /// `--db` as given, repeated in the suggested commands unless it is the default.
    var databasePath: String
    /// Repeat `--run` in the suggested commands (the runs were chosen explicitly, or the run just finished).
    var namesRuns: Bool
    var baseline: String?

    func render(colour: Bool, groupedWarnings: Bool) throws -> String {
        let ids = runs.map(\.id)
        let headline = try Headline.load(from: store, runIDs: ids, rows: rows, baseline: baseline)
        let digest = try WarningDigest.load(from: store, runIDs: ids)
        var footer: [String] = []
        if groupedWarnings {
            footer.append(digest.rendered(colour: colour).trimmingCharacters(in: .newlines))
        } else {
            footer.append(digest.summaryLine(detailsCommand: command("--warnings")))
        }
        return HeadlineReport.render(headline, title: title, footer: footer, colour: colour)
    }

    /// "run 12 · quickstart · completed · every metric: `dlbench report --all`".
    var title: String {
        let names = runs.map(\.protocolName).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let statuses = runs.map(\.status).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let label = runs.count == 1 ? "run" : "runs"
        return "\(label) \(runs.map { String($0.id) }.joined(separator: ", ")) · \(names.joined(separator: ", ")) · "
            + statuses.joined(separator: ", ") + " · every metric: `\(command("--all"))`"
    }

    /// `dlbench report OPTION` for these runs and this database.
    func command(_ option: String) -> String {
        var text = "dlbench report " + option
        if namesRuns { text += runs.map { " --run \($0.id)" }.joined() }
        if databasePath != DatabaseOptions.defaultPath { text += " --db \(databasePath)" }
        return text
    }
}
