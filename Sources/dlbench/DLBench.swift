import ArgumentParser

@main
struct DLBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlbench",
        abstract: "Benchmark deep-learning execution strategies with a declarative protocol.",
        discussion: """
        A protocol (JSON) names machines, datasets, models, engines and tasks. `dlbench run` executes every
        case it defines, stores every raw sample in SQLite, and prints a comparison table.

          dlbench run Protocols/quickstart.json      execute a protocol
          dlbench report --format csv                summarise the latest run as CSV
          dlbench validate Protocols/*.json          check protocols without running them
          dlbench runs                               list stored runs
          dlbench compare 3 4                        run 4 against run 3: ratios, CIs, verdicts
          dlbench check                              CI gate: exit 1 on a regression (see `dlbench help check`)
          dlbench env                                this machine's fingerprint and timer overhead
          dlbench graph --protocol P --task T        the graph a traced or fused engine captures

        Exit status: 0 success, 1 a failed case or a regression, 2 a usage or data error (bad flag, invalid
        protocol, missing run), 130 interrupted.
        """,
        subcommands: [RunCommand.self, ValidateCommand.self, GraphCommand.self, ReportCommand.self, CompareCommand.self, CheckCommand.self,
                      MergeCommand.self, RunsCommand.self, EnvCommand.self,
                      WorkerSubcommand.self]
    )

    /// ArgumentParser reports usage errors with EX_USAGE (64); dlbench documents 2 for every usage or data error,
    /// so scripts and CI gates need to check a single code.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
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
