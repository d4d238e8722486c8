import ArgumentParser
import Reports
import ResultStore

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise a stored run.",
        discussion: """
        One row per case and metric with the median, p10, p90 and sample count. `table` is for people (the default \
        on a terminal); `csv` is RFC 4180 with a header row (the default when output is piped).

          dlbench report                       latest run, as a table
          dlbench report --format csv > r.csv  latest run, for a spreadsheet or pandas
          dlbench report --run 3               a specific run (see `dlbench runs`)
        """
    )

    @Option(help: ArgumentHelp("Output format: table or csv.", valueName: "format"))
    var format: ReportFormat?

    @Option(name: .customLong("run"), help: ArgumentHelp("The run to report (default: the latest).", valueName: "id"))
    var runID: Int64?

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        guard let runID = try runID ?? store.latestRunID() else {
            throw CommandFailure("no runs in \(database.path); start one with `dlbench run Protocols/quickstart.json`")
        }
        guard try store.run(id: runID) != nil else {
            throw CommandFailure("run \(runID) is not in \(database.path); `dlbench runs --db \(database.path)` lists them")
        }
        let rows = try ReportBuilder.rows(from: store, runID: runID)
        switch format ?? (Terminal.standardOutputIsTerminal ? .table : .csv) {
        case .table: print(TableReport.render(rows, colour: Terminal.standardOutputIsTerminal))
        case .csv: print(CSVReport.render(rows), terminator: "")
        }
    }
}
