import ArgumentParser
import Foundation
import ProtocolModel
import Reports
import ResultStore

/// `dlbench check`: the CI regression gate. Exit 0 no regression, 1 regression, 2 usage or data error.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "CI regression gate: exit 1 on a significant regression.",
        discussion: """
        Checks a run (--run, default: the latest, with the other shards of its group; --group KEY: a sharded run's \
        shards) against one of:
          --baseline-run ID     a stored run (--baseline-db PATH: in another file)
          --baseline-group KEY  every shard of another sharded run
          --baseline-file PATH  a JSON report (`report --format json`) or the
                                small format of docs/report-json.md
          (neither)             the baseline build's run when the run came from
                                `run --baseline-binary` (paired by round); else
                                the `expectations` of the run's protocol (or of
                                --protocol-file), e.g. fused >= 1.3x eager
        Every trial (worker process) is one observation: its median. Against a baseline, a case × metric regresses \
        when it is worse in the metric's direction (time: slower; throughput: lower) with a trial-level t test p < \
        --alpha AND by more than its threshold (--threshold, --metric-threshold); two separate runs also differ by \
        the machine's drift between runs (--run-spread, default 3.5%, measured by scripts/calibrate-gate.sh), which \
        no number of trials removes — pair them with `run --baseline-binary` to decide small changes. A baseline case that the run \
        failed, skipped, timed out or has no samples for fails the gate with its reason. When the trials cannot \
        tell (not significant, but the interval reaches past the threshold), the check is inconclusive and says how \
        many trials per side would decide it; --inconclusive pass (default) prints it and passes, --inconclusive \
        fail fails on it. An expectation fails when its whole (1 − alpha) interval lies below its bound, is \
        inconclusive when only its estimate does, and fails when its cases have no samples. See \
        docs/regression-gate.md.

        Exit status: 0 no regression, 1 regression (or a failed or missing case, or an inconclusive check with \
        --inconclusive fail), 2 usage or data error (unknown run, unreadable file, unknown --task/--engine/\
        --machine/--metric value, no expectations, nothing checked).
        """
    )

    @Option(name: .customLong("run"), help: ArgumentHelp("The run to check (default: the latest).", valueName: "id"))
    var runID: Int64?

    @Option(name: .customLong("baseline-run"), help: ArgumentHelp("Baseline run id.", valueName: "id"))
    var baselineRun: Int64?

    @Option(name: .customLong("group"),
            help: ArgumentHelp("Check every shard of this sharded run (default: the latest run and its group).",
                               valueName: "key"))
    var group: String?

    @Option(name: .customLong("baseline-group"),
            help: ArgumentHelp("Baseline: every shard of this sharded run (from --baseline-db, default --db).",
                               valueName: "key"))
    var baselineGroup: String?

    @Option(name: .customLong("baseline-db"), help: ArgumentHelp("Database of --baseline-run (default: --db).", valueName: "path"))
    var baselineDatabase: String?

    @Option(name: .customLong("baseline-file"), help: ArgumentHelp("Baseline JSON file.", valueName: "path"))
    var baselineFile: String?

    @Option(name: .customLong("protocol-file"),
            help: ArgumentHelp("Take expectations from this protocol instead of the run's.", valueName: "protocol.json"))
    var protocolFile: String?

    @Flag(help: "Also print passing checks.")
    var verbose = false

    @Option(help: ArgumentHelp("What an inconclusive check does: pass (default) or fail.", valueName: "pass|fail"))
    var inconclusive: String = "pass"

    @OptionGroup var filters: ReportFilterOptions
    @OptionGroup var comparisonOptions: ComparisonOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let result: GateResult
        do {
            result = try evaluate()
        } catch {
            Terminal.printError("error: \(error)")
            throw ExitCode(2)
        }
        print(result.rendered(verbose: verbose), terminator: "")
        if result.checkCount == 0 { throw ExitCode(2) }
        if !result.passed { throw ExitCode(1) }
    }

    private func evaluate() throws -> GateResult {
        if [baselineRun != nil, baselineFile != nil, baselineGroup != nil].filter({ $0 }).count > 1 {
            throw CommandFailure("give one of --baseline-run, --baseline-group and --baseline-file")
        }
        if runID != nil && group != nil {
            throw CommandFailure("give either --run or --group, not both")
        }
        if baselineDatabase != nil && baselineRun == nil && baselineGroup == nil {
            throw CommandFailure("--baseline-db needs --baseline-run or --baseline-group (what to read from it)")
        }
        guard let policy = InconclusivePolicy(rawValue: inconclusive) else {
            throw CommandFailure("--inconclusive takes pass or fail, found '\(inconclusive)'")
        }
        let settings = try comparisonOptions.settings()
        let store = try database.open()
        let selection = try ReportSelection.load(from: store, runIDs: runID.map { [$0] } ?? [], group: group,
                                                 filter: filters.filter)
        let candidateRun = selection.runs.first?.id
        let pair = try candidateRun.flatMap { try store.pair(containing: $0) }
        if let baselineGroup {
            let baselineStore = try baselineDatabase.map { try DatabaseOptions.open(path: $0) } ?? store
            let baseline = try ReportSelection.load(from: baselineStore, group: baselineGroup, filter: filters.filter)
            return RegressionGate.gate(RunComparison(baseline: baseline.rows, candidate: selection.rows, settings: settings),
                                       inconclusive: policy)
        }
        if let baselineRun {
            let baselineStore = try baselineDatabase.map { try DatabaseOptions.open(path: $0) } ?? store
            let baseline = try ReportSelection.load(from: baselineStore, runIDs: [baselineRun], filter: filters.filter)
            let paired = baselineDatabase == nil && pair.map {
                Set([$0.baselineRunID, $0.candidateRunID]) == Set([baselineRun, candidateRun ?? -1])
            } == true
            return RegressionGate.gate(RunComparison(baseline: baseline.rows, candidate: selection.rows, settings: settings,
                                                     paired: paired), inconclusive: policy)
        }
        if let baselineFile {
            let baseline = filters.filter.apply(try BaselineFile.load(path: baselineFile))
            return RegressionGate.gate(RunComparison(baseline: baseline, candidate: selection.rows, settings: settings),
                                       inconclusive: policy)
        }
        if protocolFile == nil, let pair, pair.candidateRunID == candidateRun {
            let baseline = try ReportSelection.load(from: store, runIDs: [pair.baselineRunID], filter: filters.filter)
            print("checking run \(pair.candidateRunID) against its baseline build's run \(pair.baselineRunID) "
                  + "(\(pair.baselineBinary)), trials paired by round")
            return RegressionGate.gate(RunComparison(baseline: baseline.rows, candidate: selection.rows, settings: settings,
                                                     paired: true), inconclusive: policy)
        }
        let expectations = try loadExpectations(runID: selection.runs.first?.id, store: store)
        guard !expectations.isEmpty else {
            throw CommandFailure("nothing to check: no --baseline-run or --baseline-file, and the protocol has no "
                                 + "`expectations` (see docs/regression-gate.md)")
        }
        return RegressionGate.gate(ExpectationCheck.evaluate(expectations, rows: selection.rows, settings: settings),
                                   inconclusive: policy)
    }

    private func loadExpectations(runID: Int64?, store: ResultStore) throws -> [PerformanceExpectation] {
        if let protocolFile { return try ProtocolLoader.load(path: protocolFile).expectations }
        guard let runID, let run = try store.run(id: runID) else { return [] }
        return try ExpectationCheck.expectations(protocolText: run.protocolText, protocolPath: run.protocolPath)
    }
}
