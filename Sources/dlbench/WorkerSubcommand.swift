import ArgumentParser
import TrialExecution

/// `dlbench worker`: the child side of the worker protocol (docs/worker-protocol.md). `dlbench run` starts
/// one per trial; people never need to call it.
struct WorkerSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run one trial requested as a JSON line on standard input (used by `dlbench run`).",
        discussion: "Speaks the worker protocol of docs/worker-protocol.md on standard input and output. Exit status: "
            + "0 after a result, 1 after a reported error, 2 when the request was unreadable.",
        shouldDisplay: false
    )

    func run() throws {
        InterruptMonitor.install()
        let status = WorkerSession.serve(pinsThreads: true)
        if status != 0 { throw ExitCode(status) }
    }
}
