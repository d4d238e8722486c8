import Foundation
import Measurement
import ProtocolModel
import ResultStore
import Runner
import TrialExecution
import XCTest

/// The `samples` message's optional `kernelProfile` (its wire form is tested in TrialExecutionTests): the parent stores what a worker sends, and an entry that cannot be stored is a protocol violation.
final class WorkerKernelProfileWireTests: RunnerTestCase {
    private static let fakeWorker = """
        #!/bin/sh
        read -r request
        case "$request" in
          *'"task":"profiled"'*)
            echo '{"type":"samples","samples":[{"metric":"step_time","unit":"ms","value":1.5}],"kernelProfile":[{"kernel":"gemm","launchesPerStep":3,"nanosecondsPerStep":900},{"kernel":"axpy","launchesPerStep":1,"nanosecondsPerStep":100}]}'
            echo '{"type":"result"}' ;;
          *'"task":"negative"'*)
            echo '{"type":"samples","samples":[],"kernelProfile":[{"kernel":"gemm","launchesPerStep":1,"nanosecondsPerStep":-5}]}'
            echo '{"type":"result"}' ;;
        esac
        """

    func testParentStoresTheWorkersBreakdownAndRefusesOneItCannotStore() throws {
        let path = NSTemporaryDirectory() + "dlbench-fake-profile-worker-\(UUID().uuidString).sh"
        try Self.fakeWorker.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        let tasks = ["profiled", "negative"].map {
            #"{ "name": "\#($0)", "kind": "train", "model": "mlp", "dataset": "blobs", "batchSize": 8, "steps": 1, "optimizer": { "kind": "sgd", "lr": 0.1 } }"#
        }.joined(separator: ", ")
        let text = """
            {"name": "wire", "machines": [{ "name": "cpu" }],
             "datasets": [{ "name": "blobs", "kind": "gaussian-clusters", "features": 4, "classes": 2, "trainSamples": 16, "testSamples": 8 }],
             "models": [{ "name": "mlp", "kind": "mlp", "hidden": [4] }],
             "engines": [{ "name": "fused", "kind": "fused", "profileKernels": true }],
             "tasks": [\(tasks)], "metrics": ["step_time"], "repetition": { "trials": 1, "caseTimeoutSeconds": 10 }}
            """
        let benchmark = try ProtocolLoader.decode(text, file: "wire.json")
        let outcome = try BenchmarkRunner(store: store, isolation: .worker(WorkerCommand(executable: path)))
            .run(benchmark, protocolPath: "wire.json", protocolText: text)
        let cases = Dictionary(uniqueKeysWithValues: try store.caseResults(runID: outcome.runID).map { ($0.task, $0) })
        let profiled = try XCTUnwrap(cases["profiled"])
        XCTAssertEqual(profiled.status, .succeeded, profiled.message ?? "")
        XCTAssertEqual(try store.kernelProfiles(runID: outcome.runID).first { $0.caseID == profiled.id }?.kernels, [
            KernelTime(kernel: "gemm", launchesPerStep: 3, nanosecondsPerStep: 900),
            KernelTime(kernel: "axpy", launchesPerStep: 1, nanosecondsPerStep: 100),
        ])
        let negative = try XCTUnwrap(cases["negative"])
        XCTAssertEqual(negative.status, .failed)
        XCTAssertTrue(negative.message?.contains("worker protocol violation: kernelProfile entry 'gemm'") ?? false,
                      negative.message ?? "")
    }
}
