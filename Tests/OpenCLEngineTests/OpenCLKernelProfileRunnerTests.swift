import Foundation
import ProtocolModel
import ResultStore
import Runner
import XCTest

/// An opencl engine with `"profileKernels": true` stores the device time of its kernels (queue profiling events)
/// for training and inference trials, measured steps only.
final class OpenCLKernelProfileRunnerTests: XCTestCase {
    private var databasePath = ""

    override func tearDown() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
    }

    func testProfiledOpenCLCasesStoreDeviceKernelTimesPerStep() throws {
        _ = try OpenCLEngineTestSupport.context(profiling: true)
        databasePath = NSTemporaryDirectory() + "dlbench-opencl-profile-\(UUID().uuidString).sqlite"
        let store = try ResultStore(path: databasePath)
        let text = """
            {
              "name": "opencl-profile",
              "machines": [{ "name": "whatever", "device": "any" }],
              "datasets": [{ "name": "blobs", "kind": "gaussian-clusters", "features": 8, "classes": 3,
                             "trainSamples": 64, "testSamples": 32, "noise": 0.5 }],
              "models": [{ "name": "mlp", "kind": "mlp", "hidden": [16] }],
              "engines": [{ "name": "opencl", "kind": "opencl", "profileKernels": true }],
              "tasks": [{ "name": "train", "kind": "train", "model": "mlp", "dataset": "blobs", "batchSize": 16, "steps": 4,
                          "optimizer": { "kind": "sgd", "lr": 0.1, "momentum": 0.9 } },
                        { "name": "infer", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [8], "iterations": 5 }],
              "repetition": { "warmupSteps": 2, "trials": 1 }
            }
            """
        let benchmark = try ProtocolLoader.decode(text, file: "opencl-profile.json")
        let outcome = try BenchmarkRunner(store: store).run(benchmark, protocolPath: "opencl-profile.json", protocolText: text)
        let cases = try store.caseResults(runID: outcome.runID)
        XCTAssertTrue(cases.allSatisfy { $0.status == .succeeded }, cases.compactMap(\.message).joined(separator: "; "))
        let profiles = Dictionary(uniqueKeysWithValues: try store.kernelProfiles(runID: outcome.runID).map { ($0.caseID, $0) })
        XCTAssertEqual(profiles.count, 2, "the training and the inference case")
        for result in cases {
            let kernels = try XCTUnwrap(profiles[result.id], result.task).kernels
            XCTAssertFalse(kernels.isEmpty, result.task)
            XCTAssertTrue(kernels.allSatisfy { $0.nanosecondsPerStep > 0 }, "\(result.task): \(kernels)")
            XCTAssertTrue(kernels.allSatisfy { $0.launchesPerStep >= 1 && $0.launchesPerStep.rounded() == $0.launchesPerStep },
                          "\(result.task): warm-up launches are not counted, every measured step launches the same: \(kernels)")
        }
    }
}
