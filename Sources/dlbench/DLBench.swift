import ArgumentParser
import ResultStore

@main
struct DLBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlbench",
        abstract: "Benchmark deep-learning execution strategies with a declarative protocol.",
        discussion: """
        A protocol (JSON) names machines, datasets, models, engines and tasks.
        `dlbench run` executes every case it defines, stores every raw sample in
        SQLite, and prints a comparison table.

        Examples:
          dlbench run Protocols/quickstart.json   execute a protocol
          dlbench report --format csv             the latest run as CSV
          dlbench validate Protocols/*.json       check protocols, run nothing
          dlbench runs                            list stored runs
          dlbench compare 3 4                     run 4 against run 3
          dlbench check                           CI gate (exit 1 on regression)
          dlbench env                             this machine's fingerprint
          dlbench graph --protocol P --task T     a captured step, after fusion

        dlbench --version prints the release and the commit it was built from.

        Exit status: 0 success; 1 a failed case or a regression; 2 a usage or
        data error (bad flag, invalid protocol, missing run or database);
        130, 143 or 129 interrupted (SIGINT, SIGTERM, SIGHUP).
        """,
        subcommands: [RunCommand.self, ValidateCommand.self, GraphCommand.self, ReportCommand.self, CompareCommand.self, CheckCommand.self,
                      MergeCommand.self, RunsCommand.self, EnvCommand.self,
                      WorkerSubcommand.self, WorkerGuardSubcommand.self]
    )

    /// ArgumentParser reports usage errors with EX_USAGE (64); dlbench documents 2 for every usage or data error,
    /// so scripts and CI gates need to check a single code.
    static func main() {
        if CommandLine.arguments.dropFirst().first == "--version" {
            print(VersionInfo.line)
            return
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            Terminal.printError("dlbench: \(failure)")
            Foundation.exit(2)
        } catch let failure as ResultStoreError {
            // A database that cannot be read (a bad value, a foreign file): a data error, like a bad protocol.
            Terminal.printError("dlbench: \(failure)")
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 64 {
                let message = fullMessage(for: error)
                if !message.isEmpty { Terminal.printError(message) }
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

import Foundation
