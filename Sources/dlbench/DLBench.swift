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
        """,
        subcommands: [RunCommand.self, ValidateCommand.self, GraphCommand.self, ReportCommand.self, CompareCommand.self, CheckCommand.self,
                      MergeCommand.self, RunsCommand.self, EnvCommand.self,
                      WorkerSubcommand.self]
    )
}
