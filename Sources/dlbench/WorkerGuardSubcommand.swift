import ArgumentParser
import Foundation
import Runner

/// `dlbench worker-guard -- COMMAND…`: runs a worker so that it and its children die with `dlbench run` (see
/// `WorkerGuard`). `dlbench run` starts every worker through it; people never need to call it.
struct WorkerGuardSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker-guard",
        abstract: "Run a worker command that dies, with all its children, when its parent dies (used by `dlbench run`).",
        discussion: "Exits as the command did: its status, or its signal.",
        shouldDisplay: false
    )

    @Argument(parsing: .captureForPassthrough, help: "The worker command and its arguments, after --.")
    var command: [String] = []

    func run() throws {
        let words = command.first == "--" ? Array(command.dropFirst()) : command
        guard !words.isEmpty else { throw ValidationError("expected a command after --") }
        Foundation.exit(WorkerGuard.run(words))
    }
}
