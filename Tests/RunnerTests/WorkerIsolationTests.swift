import _TestSupport
import Foundation
import ProtocolModel
import ResultStore
import Runner
import XCTest

/// Every way a worker can end is recorded against its case, and the run goes on. Fake workers are small
/// shell scripts that speak (or break) the worker protocol, so crashes, hangs and kills are real processes.
final class WorkerIsolationTests: RunnerTestCase {
    /// Dispatches on the task name in the request line.
    static let fakeWorker = """
        #!/bin/sh
        read -r request
        echo '{"type":"hello","version":1,"pid":'$$'}'
        case "$request" in
          *'"task":"ok"'*)
            echo '{"type":"progress","phase":"measure","step":1,"total":2}'
            echo '{"type":"samples","samples":[{"metric":"step_time","unit":"ms","value":1.5},{"metric":"step_time","unit":"ms","value":2.5},{"metric":"time_to_target","unit":"s","value":"Infinity"}]}'
            echo '{"type":"result","peakRSSBytes":1048576}' ;;
          *'"task":"crash"'*) kill -SEGV $$ ;;
          *'"task":"hang"'*) exec sleep 60 ;;
          *'"task":"killed"'*) kill -KILL $$ ;;
          *'"task":"garbage"'*) echo 'this is not JSON'; echo '{"type":"result"}' ;;
          *'"task":"silent"'*) echo 'out of disk' >&2; exit 3 ;;
          *'"task":"refuses"'*) echo '{"type":"error","kind":"unsupported","message":"needs a GPU"}'; exit 1 ;;
          *'"task":"negative"'*)
            echo '{"type":"samples","samples":[{"metric":"step_time","unit":"ms","value":-1.5}]}'
            echo '{"type":"result"}' ;;
          *'"task":"infinite"'*)
            echo '{"type":"samples","samples":[{"metric":"final_loss","unit":"loss","value":"-Infinity"}]}'
            echo '{"type":"result"}' ;;
          *'"task":"fraction"'*)
            echo '{"type":"samples","samples":[{"metric":"test_accuracy","unit":"fraction","value":1.5}]}'
            echo '{"type":"result"}' ;;
        esac
        """

    private func writeFakeWorker() throws -> String {
        let path = NSTemporaryDirectory() + "dlbench-fake-worker-\(UUID().uuidString).sh"
        try Self.fakeWorker.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    private func protocolWithTasks(_ names: [String], timeout: Double) -> String {
        let tasks = names.map {
            #"{ "name": "\#($0)", "kind": "train", "model": "mlp", "dataset": "blobs", "batchSize": 8, "steps": 1, "optimizer": { "kind": "sgd", "lr": 0.1 } }"#
        }.joined(separator: ",\n")
        return """
        {
          "name": "isolation",
          "machines": [{ "name": "cpu" }],
          "datasets": [{ "name": "blobs", "kind": "gaussian-clusters", "features": 4, "classes": 2, "trainSamples": 16, "testSamples": 8 }],
          "models": [{ "name": "mlp", "kind": "mlp", "hidden": [4] }],
          "engines": [{ "name": "eager", "kind": "eager" }],
          "tasks": [\(tasks)],
          "metrics": ["step_time", "time_to_target", "peak_rss_bytes", "final_loss", "test_accuracy"],
          "repetition": { "trials": 2, "caseTimeoutSeconds": \(timeout) }
        }
        """
    }

    func testCrashHangKillAndBadWorkersAreRecordedWithTheirReasonsAndTheRunGoesOn() throws {
        let worker = WorkerCommand(executable: try writeFakeWorker())
        let names = ["ok", "crash", "hang", "killed", "garbage", "silent", "refuses", "negative", "infinite", "fraction"]
        let text = protocolWithTasks(names, timeout: 1.5)
        let benchmark = try ProtocolLoader.decode(text, file: "isolation.json")
        var progressSeen = false
        let outcome = try BenchmarkRunner(store: store, isolation: .worker(worker)) { event in
            if case .trialProgress = event { progressSeen = true }
        }.run(benchmark, protocolPath: "isolation.json", protocolText: text)

        XCTAssertEqual(outcome.status, .completed)
        XCTAssertTrue(progressSeen, "worker progress lines reach the observer")
        let cases = Dictionary(uniqueKeysWithValues: try store.caseResults(runID: outcome.runID).map { ($0.task, $0) })
        func message(_ task: String) -> String { cases[task]?.message ?? "" }

        let ok = try XCTUnwrap(cases["ok"])
        XCTAssertEqual(ok.status, .succeeded)
        XCTAssertEqual(ok.trialCount, 2)
        XCTAssertEqual(ok.series.first { $0.metric == "step_time" }?.values, [1.5, 2.5, 1.5, 2.5])
        XCTAssertEqual(ok.series.first { $0.metric == "time_to_target" }?.values, [.infinity, .infinity])
        XCTAssertEqual(ok.series.first { $0.metric == "peak_rss_bytes" }?.values, [1_048_576, 1_048_576],
                       "the result message's peakRSSBytes becomes the metric")

        XCTAssertEqual(cases["crash"]?.status, .failed)
        XCTAssertTrue(message("crash").contains("crashed") && message("crash").contains("signal \(SIGSEGV)"), message("crash"))
        XCTAssertTrue(message("hang").contains("timeout") && message("hang").contains("1.5 s"), message("hang"))
        XCTAssertTrue(message("killed").contains("killed") && message("killed").contains("SIGKILL"), message("killed"))
        XCTAssertTrue(message("garbage").contains("protocol violation"), message("garbage"))
        XCTAssertTrue(message("silent").contains("status 3") && message("silent").contains("out of disk"), message("silent"))
        XCTAssertEqual(cases["refuses"]?.status, .skipped)
        XCTAssertEqual(message("refuses"), "needs a GPU")
        // Impossible values are a protocol violation, not a quieter number.
        XCTAssertTrue(message("negative").contains("'step_time' sent the value -1.5; expected a finite number ≥ 0"),
                      message("negative"))
        XCTAssertTrue(message("infinite").contains("'final_loss' sent the value -inf"), message("infinite"))
        XCTAssertTrue(message("fraction").contains("expected a number between 0 and 1"), message("fraction"))
        for failed in ["crash", "hang", "killed", "garbage", "silent", "negative", "infinite", "fraction"] {
            XCTAssertEqual(cases[failed]?.trialCount, 0, "\(failed): no partial trial is stored")
        }
        XCTAssertEqual(try store.measurement(runID: outcome.runID)?.isolation, "process")
    }

    func testMissingWorkerExecutableFailsTheCaseWithAnActionableMessage() throws {
        let text = protocolWithTasks(["ok"], timeout: 5)
        let benchmark = try ProtocolLoader.decode(text, file: "isolation.json")
        let outcome = try BenchmarkRunner(store: store, isolation: .worker(WorkerCommand(executable: "/nonexistent/dlbench")))
            .run(benchmark, protocolPath: "isolation.json", protocolText: text)
        let result = try XCTUnwrap(store.caseResults(runID: outcome.runID).first)
        XCTAssertEqual(result.status, .failed)
        XCTAssertTrue(result.message?.contains("cannot start worker /nonexistent/dlbench") ?? false, result.message ?? "")
    }

    /// The real `dlbench worker` from the same build, when the test runner sits next to it.
    func testRealDlbenchWorkerRunsTrialsInSeparateProcesses() throws {
        let executable = try BuiltProducts.requireDlbench()
        let text = protocolText(trials: 2)
        let benchmark = try ProtocolLoader.decode(text, file: "tiny.json")
        let outcome = try BenchmarkRunner(store: store, isolation: .worker(WorkerCommand(executable: executable, arguments: ["worker"])))
            .run(benchmark, protocolPath: "tiny.json", protocolText: text)
        XCTAssertEqual(outcome.status, .completed)
        let cases = try store.caseResults(runID: outcome.runID)
        XCTAssertTrue(cases.allSatisfy { $0.status == .succeeded }, cases.map { $0.message ?? "" }.joined(separator: "; "))
        let train = try XCTUnwrap(cases.first { $0.task == "train" })
        XCTAssertEqual(train.series.first { $0.metric == "step_time" }?.values.count, 80)
        let rss = try XCTUnwrap(train.series.first { $0.metric == "peak_rss_bytes" }?.values)
        XCTAssertEqual(rss.count, 2)
        XCTAssertTrue(rss.allSatisfy { $0 > 1_000_000 }, "\(rss)")
    }
}
