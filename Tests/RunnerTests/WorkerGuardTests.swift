import _TestSupport
import Foundation
import ProtocolModel
import Runner
import XCTest

/// A worker and everything it starts die with the run: on a timeout, when the worker exits, and when the parent
/// itself is killed with SIGKILL (the guard's parent-death signal). Real processes, the real `dlbench worker-guard`.
final class WorkerGuardTests: RunnerTestCase {
    private var dlbench: String!
    private var folder: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        dlbench = try BuiltProducts.requireDlbench()
        folder = NSTemporaryDirectory() + "dlbench-guard-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
        try super.tearDownWithError()
    }

    /// A worker that starts a child (`sleep`), writes both process ids to `pids`, then hangs.
    private func hangingWorker() throws -> String {
        let path = folder + "/hang.sh"
        try """
            #!/bin/sh
            sleep 300 &
            echo "$$ $!" > \(folder!)/pids
            echo '{"type":"hello","version":1}'
            sleep 300
            """.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    private func recordedPids() throws -> [Int32] {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: folder + "/pids", encoding: .utf8), text.hasSuffix("\n") {
                return text.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
            }
            usleep(20_000)
        }
        XCTFail("the worker never wrote its process ids")
        return []
    }

    /// Alive means running, not a zombie waiting for a parent that no longer cares.
    private func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
    }

    private func waitUntilDead(_ pids: [Int32], seconds: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !pids.contains(where: isAlive) { return true }
            usleep(20_000)
        }
        return false
    }

    func testATimedOutWorkerTakesItsChildrenWithIt() throws {
        let text = protocolText(trials: 1).replacingOccurrences(
            of: #""engines": [{ "name": "eager", "kind": "eager" }]"#,
            with: #""engines": [{ "name": "hang", "kind": "external", "worker": "\#(try hangingWorker())" }]"#)
            .replacingOccurrences(of: #""trials": 1 }"#, with: #""trials": 1, "caseTimeoutSeconds": 2 }"#)
        let benchmark = try ProtocolLoader.decode(text, file: "tiny.json")
        let runner = BenchmarkRunner(store: store)
        runner.workerGuard = WorkerCommand(executable: dlbench, arguments: ["worker-guard", "--"])
        let outcome = try runner.run(benchmark, protocolPath: "tiny.json", protocolText: text)
        let pids = try recordedPids()
        XCTAssertEqual(pids.count, 2)
        XCTAssertTrue(waitUntilDead(pids), "worker \(pids) still running after its timeout")
        let messages = try store.caseResults(runID: outcome.runID).compactMap(\.message)
        XCTAssertTrue(messages.allSatisfy { $0.contains("timed out") }, messages.joined(separator: "; "))
    }

    func testKillingTheParentWithSIGKILLKillsTheWorkerAndItsChildren() throws {
        let parent = Process()
        parent.executableURL = URL(fileURLWithPath: "/bin/sh")
        parent.arguments = ["-c", "'\(dlbench!)' worker-guard -- '\(try hangingWorker())' & wait"]
        parent.standardOutput = FileHandle.nullDevice
        try parent.run()
        let pids = try recordedPids()
        XCTAssertTrue(pids.allSatisfy(isAlive))
        kill(parent.processIdentifier, SIGKILL)
        parent.waitUntilExit()
        XCTAssertTrue(waitUntilDead(pids), "worker \(pids) outlived its parent")
    }

    func testTheGuardExitsAsTheWorkerDid() throws {
        func guarded(_ script: String) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: dlbench)
            process.arguments = ["worker-guard", "--", "/bin/sh", "-c", script]
            try process.run()
            process.waitUntilExit()
            return process
        }
        let exited = try guarded("exit 3")
        XCTAssertEqual(exited.terminationReason, .exit)
        XCTAssertEqual(exited.terminationStatus, 3)
        let crashed = try guarded("kill -SEGV $$")
        XCTAssertEqual(crashed.terminationReason, .uncaughtSignal)
        XCTAssertEqual(crashed.terminationStatus, SIGSEGV)
    }
}
