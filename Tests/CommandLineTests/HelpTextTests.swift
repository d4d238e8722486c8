import Foundation
import XCTest

/// Help that teaches has to be readable on an 80-column terminal: the hand-written parts (overview, examples,
/// option lists) must not be wrapped mid-line by the parser.
final class HelpTextTests: CommandLineTestCase {
    static let commands = ["run", "validate", "graph", "report", "compare", "check", "merge", "runs", "env"]

    func testEveryCommandsHelpFitsEightyColumns() throws {
        for command in [[]] + Self.commands.map { [$0] } {
            let result = try dlbench(["help"] + command, environment: ["COLUMNS": "80"])
            XCTAssertEqual(result.status, 0, "\(command)")
            // Everything above the parser's own USAGE line is ours; ArgumentParser does not wrap usage lines.
            let ours = result.output.components(separatedBy: "\n").prefix { !$0.hasPrefix("USAGE:") }
            for line in ours where line.count > 80 {
                XCTFail("`dlbench help \(command.joined())`: \(line.count) columns: \(line)")
            }
            XCTAssertFalse(ours.isEmpty)
        }
    }
}
