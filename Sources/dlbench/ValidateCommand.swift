import ArgumentParser
import Foundation
import ProtocolModel

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check protocol files without running them.",
        discussion: """
        Every problem is reported with the file, line:column, the JSON path (e.g. tasks[2].optimizer.lr), what was \
        expected and what was found. Exit status: 0 when all files are valid, 2 otherwise (as `dlbench run` exits for an \
        invalid protocol).
        """
    )

    @Argument(help: ArgumentHelp("Protocol files to check.", valueName: "protocol.json"))
    var files: [String]

    func run() throws {
        var invalid = 0
        for file in files {
            do {
                let benchmark = try ProtocolLoader.load(contentsOf: URL(fileURLWithPath: file))
                print("\(file): valid — \(benchmark.tasks.count) task(s), \(benchmark.engines.count) engine(s), "
                      + "\(CasePlannerSummary.caseCount(benchmark)) case(s)")
            } catch {
                invalid += 1
                Terminal.printError("\(error)")
            }
        }
        if invalid > 0 { throw ExitCode(2) }
    }
}

import Runner
import TrialExecution

enum CasePlannerSummary {
    static func caseCount(_ benchmark: BenchmarkProtocol) -> Int { CasePlanner.plan(benchmark).count }
}
