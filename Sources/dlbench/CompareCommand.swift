import ArgumentParser
import Reports
import ResultStore

/// `dlbench compare RUN_A RUN_B`: per case and metric, B against A with a ratio CI, a rank test and a verdict.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs case by case (trial-level ratio with CI, t test, verdict).",
        discussion: """
        Cases are matched by task, engine, machine, batch size and metric. Each trial (worker process) counts as \
        one observation: its median. For each case: both trial medians (geometric mean over trials), the ratio B/A \
        with its 95% CI, the p-value of a t test on log trial medians (Welch; paired by round when A and B are the \
        two builds of one `run --baseline-binary`; separate runs add --run-spread), trials × samples, and a verdict — faster/slower (better/worse \
        for non-time metrics) when p < --alpha AND the change exceeds --threshold; same when the (1 − alpha) CI \
        lies within the threshold; otherwise inconclusive, with the trials per side that would decide — then the \
        geometric mean speedup per time metric and over all time metrics. Only rows that changed (faster or \
        slower) are listed, with a count of the others; --all lists every row. RUN_B may come from another database with --db-b (e.g. another \
        machine; such rows are marked "other machine"). A side may be a sharded run's group instead of one run \
        (--group-a, --group-b: every shard of it, as `report --group` reads it).

          dlbench compare 3 4
          dlbench compare 3 1 --db-b other.sqlite --format markdown
          dlbench compare --group-a nightly-41 --group-b nightly-42
        """
    )

    @Argument(help: ArgumentHelp("Run A (the reference), unless --group-a names it.", valueName: "run-a"))
    var runA: Int64?

    @Argument(help: ArgumentHelp("Run B (the candidate), unless --group-b names it.", valueName: "run-b"))
    var runB: Int64?

    @Option(name: .customLong("group-a"), help: ArgumentHelp("Side A: every shard of this sharded run.", valueName: "key"))
    var groupA: String?

    @Option(name: .customLong("group-b"), help: ArgumentHelp("Side B: every shard of this sharded run.", valueName: "key"))
    var groupB: String?

    @Option(name: .customLong("db-b"), help: ArgumentHelp("Database holding run B (default: --db).", valueName: "path"))
    var databaseB: String?

    @Option(help: ArgumentHelp("table, markdown or json.", valueName: "format"))
    var format: String = "table"

    @Flag(help: "Show every case × metric, not only those that changed (json always has every row).")
    var all = false

    @OptionGroup var filters: ReportFilterOptions
    @OptionGroup var comparisonOptions: ComparisonOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        guard let outputFormat = ComparisonReport.Format(rawValue: format) else {
            throw CommandFailure("unknown format '\(format)'; expected table, markdown or json")
        }
        let settings = try comparisonOptions.settings()
        // Positional runs fill the sides that no --group-a/--group-b names, in order.
        var positional = [runA, runB].compactMap { $0 }
        func side(_ group: String?, _ name: String) throws -> Int64? {
            if group != nil { return nil }
            guard !positional.isEmpty else {
                throw CommandFailure("give run \(name) (a run id) or --group-\(name.lowercased()) KEY; `dlbench runs` lists both")
            }
            return positional.removeFirst()
        }
        let sideA = try side(groupA, "A"), sideB = try side(groupB, "B")
        guard positional.isEmpty else {
            throw CommandFailure("two runs and a group make three sides; give each side once (RUN_A or --group-a, RUN_B or --group-b)")
        }
        let storeA = try database.open()
        let storeB = try databaseB.map { try DatabaseOptions.open(path: $0) } ?? storeA
        do {
            let rowsA = try ReportSelection.load(from: storeA, runIDs: sideA.map { [$0] } ?? [], group: groupA,
                                                 filter: filters.filter).rows
            let rowsB = try ReportSelection.load(from: storeB, runIDs: sideB.map { [$0] } ?? [], group: groupB,
                                                 filter: filters.filter).rows
            // Two halves of one interleaved A/B run compare round by round.
            var paired = false
            if databaseB == nil, let sideA, let sideB, let pair = try storeA.pair(containing: sideB) {
                paired = Set([pair.baselineRunID, pair.candidateRunID]) == Set([sideA, sideB])
            }
            let comparison = RunComparison(baseline: rowsA, candidate: rowsB, settings: settings, paired: paired)
            print(ComparisonReport.render(comparison, format: outputFormat, colour: Terminal.colourOnStandardOutput,
                                          allRows: all), terminator: "")
        } catch let error as ReportSelectionError {
            throw CommandFailure(error.description)
        } catch let error as UnknownFilterValue {
            throw CommandFailure(error.description)
        }
    }
}
