import Foundation
import ProtocolModel
import ResultStore
import Runner
import TrialExecution
import XCTest

/// Base for runner tests: a temporary results database per test, removed afterwards, and a small protocol builder.
class RunnerTestCase: XCTestCase {
    var store: ResultStore!
    var databasePath: String!

    override func setUpWithError() throws {
        databasePath = NSTemporaryDirectory() + "dlbench-runner-\(UUID().uuidString).sqlite"
        store = try ResultStore(path: databasePath)
        InterruptMonitor.setRequested(false)
    }

    override func tearDownWithError() throws {
        store = nil
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
        InterruptMonitor.setRequested(false)
    }

    /// A tiny protocol text: one machine, one dataset, an MLP, train and infer tasks.
    func protocolText(trainLearningRate: Double = 0.1, extraTasks: String = "", trials: Int = 2) -> String {
        """
        {
          "name": "tiny",
          "machines": [{ "name": "cpu", "threads": 1 }],
          "datasets": [{ "name": "blobs", "kind": "gaussian-clusters", "features": 8, "classes": 3,
                         "trainSamples": 256, "testSamples": 128, "noise": 0.5 }],
          "models": [{ "name": "mlp", "kind": "mlp", "hidden": [16] }],
          "engines": [{ "name": "eager", "kind": "eager" }],
          "tasks": [
            { "name": "train", "kind": "train", "model": "mlp", "dataset": "blobs", "batchSize": 32, "steps": 40,
              "optimizer": { "kind": "sgd", "lr": \(trainLearningRate), "momentum": 0.9 } },
            { "name": "infer", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [1, 16], "iterations": 20 }
            \(extraTasks)
          ],
          "repetition": { "warmupSteps": 2, "trials": \(trials) }
        }
        """
    }

    func run(_ text: String, observer: @escaping (RunEvent) -> Void = { _ in }) throws -> BenchmarkRunner.Outcome {
        let benchmark = try ProtocolLoader.decode(text, file: "tiny.json")
        return try BenchmarkRunner(store: store, observer: observer).run(benchmark, protocolPath: "tiny.json",
                                                                         protocolText: text)
    }
}
