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
        One row per case and metric with the median, p10, p90 and sample count.
          table      for people (the default on a terminal; colour only on a terminal)
          csv        RFC 4180 with a header row (the default when output is piped)
          json       every field, raw samples included; schema in docs/report-json.md (also a baseline for `check`)
          markdown   for README files and pull-request comments
          html       one self-contained page with inline SVG charts (no network needed)
          github-benchmark-smaller / -bigger   github-action-benchmark customSmallerIsBetter / customBiggerIsBetter
          bmf        Bencher Metric Format

          dlbench report                                   latest run, as a table
          dlbench report --format csv > r.csv              latest run, for a spreadsheet or pandas
          dlbench report --run 3 --baseline-engine eager   run 3 with the speedup pivot over eager
          dlbench report --format html > report.html       a page to open in a browser
          dlbench report --kernels                         kernel times of profiled engines

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

    @Option(name: .customLong("baseline-engine"),
            help: ArgumentHelp("Add the tasks × engines pivot of speedups over this engine.", valueName: "name"))
    var baselineEngine: String?

    @Option(name: .customLong("pivot-metric"),
            help: ArgumentHelp("Metric of the pivot (default: step_time for training, latency for inference).",
                               valueName: "name"))
    var pivotMetric: String?

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
            selection = try ReportSelection.load(from: store, runIDs: runIDs, protocolName: protocolName,
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
        let colour = Terminal.standardOutputIsTerminal
        switch format ?? (colour ? .table : .csv) {
        case .table:
            print(TableReport.render(rows, colour: colour))
            if let pivot { print(PivotReport.table(pivot, colour: colour)) }
        case .csv: print(CSVReport.render(rows), terminator: "")
        case .json: print(JSONReport.render(rows: rows, runs: selection.runs, pivot: pivot), terminator: "")
        case .markdown: print(MarkdownReport.render(rows, pivot: pivot), terminator: "")
        case .html: print(HTMLReport.render(rows: rows, runs: selection.runs, pivot: pivot), terminator: "")
        case .githubBenchmarkSmaller: print(BenchmarkExport.githubBenchmark(rows, direction: .smallerIsBetter), terminator: "")
        case .githubBenchmarkBigger: print(BenchmarkExport.githubBenchmark(rows, direction: .biggerIsBetter), terminator: "")
        case .bmf: print(BenchmarkExport.bencherMetricFormat(rows), terminator: "")
        }
    }
}
