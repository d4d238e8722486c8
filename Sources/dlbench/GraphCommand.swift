import ArgumentParser
import Foundation
import ProtocolModel
import Runner

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the graph a traced or fused engine captures for a task.",
        discussion: """
        Shows every node (inputs, constants, kernels after the engine's fusion passes) with its shape and where the \
        memory plan puts it, plus the kernel count, the planned arena against one buffer per intermediate, and the \
        bytes kernels move per step.

          dlbench graph --protocol Protocols/w1-mlp.json --task w1-train
          dlbench graph --protocol Protocols/w1-mlp.json --task w1-train \\
            --engine traced --step infer
        """
    )

    @Option(help: ArgumentHelp("The protocol file.", valueName: "protocol.json"))
    var `protocol`: String

    @Option(help: ArgumentHelp("The task whose step is captured.", valueName: "name"))
    var task: String

    @Option(help: ArgumentHelp("A traced or fused engine of the protocol (default: the task's last such engine).",
                               valueName: "name"))
    var engine: String?

    @Option(help: ArgumentHelp("Which step to capture: train (forward, backward, update) or infer.", valueName: "step"))
    var step: String = "train"

    func run() throws {
        guard let chosen = GraphInspection.Step(rawValue: step) else {
            throw ValidationError("--step must be train or infer, found '\(step)'")
        }
        let benchmark: BenchmarkProtocol
        do {
            benchmark = try ProtocolLoader.load(contentsOf: URL(fileURLWithPath: `protocol`))
        } catch {
            Terminal.printError("\(error)")
            throw ExitCode(2)
        }
        do {
            print(try GraphInspection.describe(benchmark, task: task, engine: engine, step: chosen))
        } catch {
            Terminal.printError("dlbench graph: \(error)")
            throw ExitCode(2)
        }
    }
}
