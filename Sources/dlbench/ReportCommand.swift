import ArgumentParser
import Foundation
import Reports
import ResultStore

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, markdown, html
    case githubBenchmarkSmaller = "github-benchmark-smaller"
    case githubBenchmarkBigger = "github-benchmark-bigger"
    case bmf
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise stored runs.",
        discussion: """
        By default: the headline. Per task and batch size, the engines on the
        task's primary metric (trial median, 95% CI over trials), the speedup
        over the protocol's baseline engine with its CI, time to first step,
        break-even steps, peak RSS and agreement with eager; a verdict line;
        the protocol's expectations; one line for the warnings.
          --all        every case and metric, one row each (--metric: one metric)
          --warnings   the warnings grouped by kind, each with its cases and a hint
        Formats (--format; the headline and --all are `table`, on any output):
          table      for people (colour only on a terminal, never with NO_COLOR)
          csv        RFC 4180 with a header row: every case and metric
          json       every field, raw samples included; schema in docs/report-json.md
          markdown   for README files and pull-request comments
          html       one self-contained page with inline SVG charts
          github-benchmark-smaller / -bigger   github-action-benchmark formats
          bmf        Bencher Metric Format

          dlbench report                          latest run: the headline (with its
                                                  group's other shards, if sharded)
          dlbench report --group nightly-42       the shards of one sharded run
          dlbench report --machines               machines side by side (the latest
                                                  run of each machine, same protocol)
          dlbench report --all                    every metric of every case
          dlbench report --warnings               the warnings, grouped by kind
          dlbench report --format csv > r.csv     for a spreadsheet or pandas
          dlbench report --all --baseline-engine eager   with the speedup pivot
          dlbench report --format html > r.html   a page to open in a browser
          dlbench report --kernels                kernel times of profiled engines

        --baseline-engine: the headline's baseline (default: the protocol's
        `baseline`, else its first engine); with --all or another format it
        adds the tasks × engines speedup pivot.

        --kernels: for engines with "profileKernels": true, per case the kernels
        slowest first (launches and µs per step, share of the profiled total)
        and that total against the median step time (table, csv, json, markdown).
        """
    )

    @Option(help: ArgumentHelp("Output format (see above).", valueName: "format"))
    var format: ReportFormat?

    @Option(name: .customLong("run"), help: ArgumentHelp("A run to report (repeatable; default: the latest).", valueName: "id"))
    var runIDs: [Int64] = []

    @Option(name: .customLong("protocol"), help: ArgumentHelp("The latest run of this protocol.", valueName: "name"))
    var protocolName: String?

    @Option(name: .customLong("group"),
            help: ArgumentHelp("Every shard of a sharded run (`dlbench run --shard I/N --group KEY`) as one report.",
                               valueName: "key"))
    var group: String?

    @Option(name: .customLong("baseline-engine"),
            help: ArgumentHelp("The headline's baseline; with --all, adds the speedup pivot over it.", valueName: "name"))
    var baselineEngine: String?

    @Option(name: .customLong("pivot-metric"),
            help: ArgumentHelp("Metric of the pivot (default: step_time for training, latency for inference).",
                               valueName: "name"))
    var pivotMetric: String?

    @Flag(help: "Every case and metric as one table instead of the headline.")
    var all = false

    @Flag(help: "The stored warnings grouped by kind, each with the cases it concerns and one hint.")
    var warnings = false

    @Flag(help: "Machines side by side: per task and engine, the primary metric on each machine and its speedup over the first.")
    var machines = false

    @Flag(name: .customLong("kernels"),
          help: "The per-kernel breakdown of cases whose engine set \"profileKernels\": true (see below).")
    var kernels = false

    @OptionGroup var filters: ReportFilterOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        if kernels { return try printKernelBreakdown(store) }
        let selection: ReportSelection
        do {
            selection = machines
                ? try ReportSelection.loadAcrossMachines(from: store, runIDs: runIDs, protocolName: protocolName,
                                                         group: group, filter: filters.filter)
                : try ReportSelection.load(from: store, runIDs: runIDs, protocolName: protocolName, group: group,
                                           filter: filters.filter)
        } catch let error as ReportSelectionError {
            throw CommandFailure(error.description)
        } catch let error as UnknownFilterValue {
            throw CommandFailure(error.description)
        }
        let rows = selection.rows
        if let baselineEngine {
            do { try ReportFilter.validateEngine(baselineEngine, option: "--baseline-engine", against: rows) } catch {
                throw CommandFailure("\(error)")
            }
        }
        if let pivotMetric {
            do { try ReportFilter(metrics: [pivotMetric]).validate(against: rows) } catch {
                throw CommandFailure("\(error)".replacingOccurrences(of: "--metric", with: "--pivot-metric"))
            }
        }
        let pivot = baselineEngine.map { PivotTable(rows: rows, baselineEngine: $0, metric: pivotMetric) }
        let colour = Terminal.colourOnStandardOutput
        let output = HeadlineOutput(store: store, runs: selection.runs, rows: rows, databasePath: store.path,
                                    namesRuns: !runIDs.isEmpty, baseline: baselineEngine)
        if machines {
            let table = MachineTable(rows: rows)
            return print(format == .markdown ? MachineReport.markdown(table) : MachineReport.table(table, colour: colour),
                         terminator: "")
        }
        if warnings {
            return print(try WarningDigest.load(from: store, runIDs: selection.runs.map(\.id)).rendered(colour: colour),
                         terminator: "")
        }
        switch format ?? .table {
        case .table where all || !filters.metric.isEmpty:
            print(TableReport.render(rows, colour: colour))
            if let pivot { print(PivotReport.table(pivot, colour: colour)) }
        case .table: print(try output.render(colour: colour, groupedWarnings: false), terminator: "")
        case .csv: print(CSVReport.render(rows), terminator: "")
        case .json: print(JSONReport.render(rows: rows, runs: selection.runs, pivot: pivot), terminator: "")
        case .markdown: print(MarkdownReport.render(rows, pivot: pivot), terminator: "")
        case .html: print(try HTMLReport.render(from: store, runs: selection.runs, rows: rows, pivot: pivot), terminator: "")
        case .githubBenchmarkSmaller: print(BenchmarkExport.githubBenchmark(rows, direction: .smallerIsBetter), terminator: "")
        case .githubBenchmarkBigger: print(BenchmarkExport.githubBenchmark(rows, direction: .biggerIsBetter), terminator: "")
        case .bmf: print(BenchmarkExport.bencherMetricFormat(rows), terminator: "")
        }
    }
}
