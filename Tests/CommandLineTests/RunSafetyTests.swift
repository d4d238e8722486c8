import Foundation
import ResultStore
import XCTest

/// `dlbench run` as the hostile-input probe of issue 15 drove it: outputs that would destroy inputs are refused
/// with exit 2 and nothing recorded, signals end a run as interrupted with its trials kept, and a run in which no
/// case could run does not exit 0.
final class RunSafetyTests: CommandLineTestCase {
    func testAnExportOntoTheDatabaseIsRefusedAndTheDatabaseSurvives() throws {
        let good = try write(protocolText(), to: "good.json")
        XCTAssertEqual(try dlbench(["run", good, "--db", "results.sqlite", "--quiet"]).status, 0)
        let hostile = try write(protocolText(taskExtra: #", "exportWeights": "results.sqlite""#), to: "hostile.json")
        let result = try dlbench(["run", hostile, "--db", "results.sqlite", "--quiet"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.errors.contains("hostile.json: task 'train' exportWeights: "), result.errors)
        XCTAssertTrue(result.errors.contains("results.sqlite: this is the result database (--db)"), result.errors)
        let store = try ResultStore(path: folder + "/results.sqlite", access: .readOnly)
        XCTAssertEqual(try store.runs().count, 1, "the earlier run is intact and the refused one was never recorded")
    }

    func testAnExportOutsideTheProtocolsFolderNeedsTheFlag() throws {
        let outside = NSTemporaryDirectory() + "dlbench-cli-outside-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let text = protocolText(taskExtra: #", "exportWeights": "\#(outside)""#)
        let path = try write(text, to: "outside.json")
        let refused = try dlbench(["run", path, "--db", "r.sqlite", "--quiet"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.errors.contains("--allow-outside-output"), refused.errors)
        XCTAssertEqual(try dlbench(["run", path, "--db", "r.sqlite", "--quiet", "--allow-outside-output"]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside))
    }

    func testSIGTERMEndsTheRunAsInterruptedWithItsTrialsKept() throws {
        let path = try write(protocolText(steps: 3000, trials: 200), to: "long.json")
        let result = try dlbench(["run", path, "--db", "r.sqlite"]) { process in
            // Wait until a trial is stored, then terminate as a CI runner's cancel would.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                if let store = try? ResultStore(path: self.folder + "/r.sqlite", access: .readOnly),
                   let run = try? store.runs().first, let cases = try? store.caseResults(runID: run.id),
                   cases.contains(where: { $0.trialCount > 0 }) { break }
                usleep(100_000)
            }
            kill(process.processIdentifier, SIGTERM)
        }
        XCTAssertEqual(result.status, 143, result.errors)
        let store = try ResultStore(path: folder + "/r.sqlite", access: .readOnly)
        let run = try XCTUnwrap(try store.runs().first)
        XCTAssertEqual(run.status, .interrupted)
        let report = try dlbench(["report", "--db", "r.sqlite", "--format", "csv"])
        XCTAssertEqual(report.status, 0)
        XCTAssertTrue(report.output.contains(",step_time,s,"), "finished trials show in the report: \(report.output)")
        XCTAssertTrue(report.output.contains("SIGTERM"), report.output)
    }

    func testARunInWhichNoCaseCouldRunExitsNonZero() throws {
        let engines = #"[{ "name": "ghost", "kind": "external", "worker": "/nonexistent/dlbench-ghost-worker" }]"#
        let path = try write(protocolText(engines: engines), to: "ghost.json")
        let result = try dlbench(["run", path, "--db", "r.sqlite", "--quiet"])
        XCTAssertNotEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.errors.contains("could run") || result.output.contains("failed"), result.errors + result.output)
    }

    /// `dlbench validate /dev/stdin` (and `run <(generate)`): a pipe is read like a file.
    func testAProtocolFromAPipeValidates() throws {
        let text = protocolText(trials: 1)
        let piped = Process()
        piped.executableURL = URL(fileURLWithPath: "/bin/sh")
        piped.arguments = ["-c", "cat '\(try write(text, to: "p.json"))' | '\(dlbench!)' validate /dev/stdin"]
        try piped.run()
        piped.waitUntilExit()
        XCTAssertEqual(piped.terminationStatus, 0)
    }
}
