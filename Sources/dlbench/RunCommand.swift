import ArgumentParser
import Foundation
import ProtocolModel
import Reports
import ResultStore
import Runner
import TrialExecution

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Execute a protocol and store every sample.",
        discussion: """
        Runs every case (task × machine × engine × batch size) for the protocol's trials, committing each trial to \
        the database as it finishes, then prints the headline (as `dlbench report`: per task the engines compared \
        with the protocol's baseline, the expectations evaluated, one line for the warnings; --warnings groups \
        them by kind instead). Ctrl-C stops after the current step: the run \
        is marked interrupted and finished trials are kept. Each trial runs in its own worker process (`dlbench \
        worker`): a case that fails, crashes, is killed or exceeds repetition.caseTimeoutSeconds is recorded with \
        its reason and the run goes on. Cases run in a seeded random order per round; noise warnings are stored with \
        the run: those about the machine (load, frequency scaling) print at the start, those about results are \
        summarised at the end (`dlbench report --warnings` lists them by kind).

        Trials, not steps, are the replicates: without a fixed repetition.trials, a case runs 5 to 40 trials and \
        stops once the trial-level 95% CI of its primary metric is within 5% (or after 60 s of its trials).

        Interleaved A/B (gating a pull request): --baseline-binary PATH names a second dlbench build (e.g. main's \
        .build/release/dlbench). Every case then runs once per build per round, the two in a random order, into \
        two runs recorded as a pair; `dlbench check` after it compares them round by round (paired trials), so \
        drift of a shared machine hits both builds alike. See docs/regression-gate.md.

        Output files (exportWeights) stay inside the protocol's folder and never replace the database, a \
        non-regular file or a file dlbench did not write, unless --allow-outside-output or --overwrite says so. \
        SIGTERM and SIGHUP stop a run like Ctrl-C; workers and their children die with the run.

        Exit status: 0 when every case succeeded or was skipped and at least one ran, 1 when a case failed or \
        none could run, 2 for an invalid protocol or a refused output path, 130 (SIGINT), 143 (SIGTERM) or 129 \
        (SIGHUP) when interrupted. Expectations are shown but do not change the exit status; `dlbench check` \
        gates on them.
        """
    )

    @Argument(help: ArgumentHelp("The protocol file.", valueName: "protocol.json"))
    var protocolFile: String

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print only errors, warnings and the final headline (for CI).")
    var quiet = false

    @Flag(help: "End with the warnings grouped by kind instead of their one-line summary.")
    var warnings = false

    @Flag(name: .customLong("in-process"), help: "Run trials inside this process instead of worker processes (debugging).")
    var inProcess = false

    @Option(name: .customLong("baseline-binary"),
            help: ArgumentHelp("A second dlbench build to run side by side, round by round (A/B).", valueName: "path"))
    var baselineBinary: String?

    @Flag(name: .customLong("allow-outside-output"),
          help: "Let exportWeights paths leave the protocol's folder (absolute paths, ..).")
    var allowOutsideOutput = false

    @Flag(help: "Let exportWeights replace an existing file that dlbench did not write (never the database).")
    var overwrite = false

    @Option(help: ArgumentHelp(
        "Run only shard I of N of the protocol's cases (each case is in exactly one shard), or `auto` to read a Slurm "
            + "job array's or a Kubernetes Indexed Job's index (docs/fleet.md).", valueName: "I/N|auto"))
    var shard: String?

    @Option(help: ArgumentHelp(
        "The logical run this run is part of: shards of one protocol run share it, and `dlbench report` shows them "
            + "together (default with --shard auto: the Slurm array's job id, or DLBENCH_GROUP).", valueName: "key"))
    var group: String?

    func validate() throws {
        _ = try placement()
        if let baselineBinary {
            if inProcess { throw ValidationError("--baseline-binary runs both builds as worker processes; drop --in-process") }
            guard FileManager.default.isExecutableFile(atPath: baselineBinary) else {
                throw ValidationError("--baseline-binary \(baselineBinary) is not an executable file (build it first, e.g. "
                                      + "`swift build -c release` in a checkout of the baseline)")
            }
        }
    }

    /// The shard and group this run records: `--shard` parsed (or read from the job array's environment) and
    /// `--group`, which a shard needs so its siblings can be found.
    func placement() throws -> (RunShard?, String?) {
        guard let shard else { return (nil, group) }
        do {
            if shard == "auto" {
                let found = try RunShard.fromEnvironment(ProcessInfo.processInfo.environment)
                guard let key = group ?? found.group else {
                    throw ValidationError("--shard auto found shard \(found.shard) but no group key: pass --group KEY "
                                          + "(the same on every shard, e.g. the Job's name) or set DLBENCH_GROUP")
                }
                return (found.shard, key)
            }
            let parsed = try RunShard(parsing: shard)
            guard let group else {
                throw ValidationError("--shard \(parsed) needs --group KEY, the same on every shard of this run, "
                                      + "so `dlbench report --group KEY` shows them together")
            }
            return (parsed, group)
        } catch let error as RunShardError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let text: String
        let benchmark: BenchmarkProtocol
        do {
            let url = URL(fileURLWithPath: protocolFile)
            (benchmark, text) = try ProtocolLoader.loadWithText(contentsOf: url)
        } catch {
            Terminal.printError("\(error)")
            throw ExitCode(2)
        }
        let (runShard, runGroup) = try placement()
        let store = try database.open(creating: true)
        InterruptMonitor.install()
        let progress = ProgressPrinter(quiet: quiet)
        let isolation: CaseIsolation = inProcess ? .inProcess : (WorkerCommand.currentExecutable().map { .worker($0) } ?? .inProcess)
        let baselineWorker = baselineBinary.map {
            WorkerCommand(executable: URL(fileURLWithPath: $0).standardizedFileURL.path, arguments: ["worker"])
        }
        let permissions = OutputPermissions(allowOutsideProtocolFolder: allowOutsideOutput,
                                            overwriteForeignFiles: overwrite, protectedPaths: [database.path])
        let runner = BenchmarkRunner(store: store, isolation: isolation, baselineWorker: baselineWorker,
                                     outputPermissions: permissions, observer: progress.handle)
        if !inProcess { runner.workerGuard = WorkerCommand.currentExecutable(arguments: ["worker-guard", "--"]) }
        runner.shard = runShard
        runner.group = runGroup
        if let runShard, runner.plannedCases(benchmark).isEmpty {
            // More shards than cases (an array sized for a bigger protocol): this one has nothing to measure.
            Terminal.printError("dlbench: shard \(runShard) of \(protocolFile) has no case "
                                + "(\(CasePlanner.plan(benchmark).count) cases over \(runShard.count) shards); nothing recorded")
            return
        }
        let outcome: BenchmarkRunner.Outcome
        do {
            outcome = try runner.run(benchmark, protocolPath: protocolFile, protocolText: text)
        } catch let refused as OutputFileError {
            throw CommandFailure("\(protocolFile): \(refused)")
        }
        let rows = try ReportBuilder.rows(from: store, runID: outcome.runID)
        if let run = try ReportRun.load(from: store, runID: outcome.runID) {
            let output = HeadlineOutput(store: store, runs: [run], rows: rows, databasePath: store.path,
                                        namesRuns: true, baseline: nil)
            print(try output.render(colour: Terminal.colourOnStandardOutput, groupedWarnings: warnings), terminator: "")
        }
        if !quiet {
            let sharded = runShard.map { " · shard \($0) of group \(runGroup ?? "")" } ?? ""
            Terminal.printError("results: \(store.path) (run \(outcome.runID)\(sharded)); \(outcome.stoppingReason)")
        }
        if baselineBinary != nil, !quiet, let pair = try store.pair(containing: outcome.runID) {
            Terminal.printError("baseline build: run \(pair.baselineRunID); compare with `dlbench check --db \(store.path)`")
        }
        if outcome.status == .interrupted { throw ExitCode(InterruptMonitor.exitStatus) }
        if rows.contains(where: { $0.caseStatus == CaseStatus.failed.rawValue }) { throw ExitCode(1) }
        if !rows.contains(where: { $0.caseStatus == CaseStatus.succeeded.rawValue }) {
            // Every case skipped (a framework not installed, a device missing): a run that measured nothing must
            // not read as a success to a script or a CI job.
            Terminal.printError("dlbench: no case of \(protocolFile) could run; each was skipped (see the status column)")
            throw ExitCode(1)
        }
    }
}
