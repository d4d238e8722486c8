import Foundation
import XCTest

/// The end of `run` and the default `report` are the headline; the full table, one metric and the grouped
/// warnings are a flag away; machine-readable formats are unchanged.
final class HeadlineOutputTests: CommandLineTestCase {
    static let engines = #"[{ "name": "eager", "kind": "eager" }, { "name": "traced", "kind": "traced" }]"#

    func testRunEndsWithTheHeadlineAndReportShowsItByDefault() throws {
        let path = try write(protocolText(engines: Self.engines), to: "p.json")
        let run = try dlbench(["run", path, "--db", "r.sqlite", "--quiet"])
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertTrue(run.output.hasPrefix("run 1 · cli · completed · every metric: `dlbench report --all --run 1 --db r.sqlite`\n"),
                      run.output)
        XCTAssertTrue(run.output.contains("\ntrain · batch 32"), run.output)
        for column in ["engine", "step_time", "95% CI", "vs eager", "1st step", "break-even", "peak RSS", "agreement"] {
            XCTAssertTrue(run.output.contains(column), "\(column) missing:\n\(run.output)")
        }
        let lastLine = run.output.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(lastLine == "no warnings" || lastLine.contains("details: `dlbench report --warnings --run 1 --db r.sqlite`"),
                      lastLine)
        XCTAssertFalse(run.output.contains("\u{1B}["), "no colour on a pipe")
        XCTAssertFalse(run.errors.contains("warning: train ·"), "result warnings are summarised, not printed one by one")

        let report = try dlbench(["report", "--db", "r.sqlite"])
        XCTAssertEqual(report.status, 0, report.errors)
        XCTAssertEqual(report.output.replacingOccurrences(of: " --run 1", with: ""),
                       run.output.replacingOccurrences(of: " --run 1", with: ""), "the same headline, on a pipe too")

        let all = try dlbench(["report", "--db", "r.sqlite", "--all"])
        XCTAssertTrue(all.output.contains("trial median") && all.output.contains("final_loss"), all.output)
        let one = try dlbench(["report", "--db", "r.sqlite", "--metric", "time_to_first_step"])
        XCTAssertTrue(one.output.contains("time_to_first_step") && !one.output.contains("final_loss"), one.output)

        let csv = try dlbench(["report", "--db", "r.sqlite", "--format", "csv"])
        XCTAssertTrue(csv.output.hasPrefix("run,machine,task,task_kind"), csv.output)

        let warnings = try dlbench(["report", "--db", "r.sqlite", "--warnings"])
        XCTAssertEqual(warnings.status, 0, warnings.errors)
        XCTAssertFalse(warnings.output.isEmpty)

        let other = try dlbench(["report", "--db", "r.sqlite", "--baseline-engine", "traced"])
        XCTAssertTrue(other.output.contains("vs traced"), other.output)

        // On a terminal (util-linux `script` provides one): colour, unless NO_COLOR is set.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/script") {
            XCTAssertTrue(try onTerminal("report --db r.sqlite", environment: [:]).contains("\u{1B}["))
            XCTAssertFalse(try onTerminal("report --db r.sqlite", environment: ["NO_COLOR": "1"]).contains("\u{1B}["))
        }
    }

    /// `dlbench ARGUMENTS` with a pseudo-terminal as standard output; what it printed.
    func onTerminal(_ arguments: String, environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "\(dlbench ?? "dlbench") \(arguments)", "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var variables = ProcessInfo.processInfo.environment
        variables["NO_COLOR"] = nil
        variables.merge(environment) { _, new in new }
        process.environment = variables
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func testTheProtocolsBaselineKeyChoosesTheComparison() throws {
        let text = protocolText(engines: Self.engines, trials: 2)
            .replacingOccurrences(of: #""name": "cli","#, with: #""name": "cli", "baseline": "traced","#)
        let path = try write(text, to: "p.json")
        let run = try dlbench(["run", path, "--db", "r.sqlite", "--quiet"])
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertTrue(run.output.contains("vs traced"), run.output)
        let misspelt = try write(text.replacingOccurrences(of: #""baseline": "traced""#, with: #""baseline": "trace""#),
                                 to: "q.json")
        let refused = try dlbench(["validate", misspelt])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue((refused.output + refused.errors).contains("did you mean 'traced'?"), refused.errors)
    }
}
