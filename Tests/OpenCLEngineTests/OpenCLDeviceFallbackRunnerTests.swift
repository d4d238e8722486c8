import Foundation
import ProtocolModel
import ResultStore
import Runner
import XCTest

/// A protocol asking for a device this host lacks gets exactly what its machine's `fallback` says — a skipped or a
/// failed case with the reason — while a machine with `device: any` runs on whatever OpenCL device exists.
final class OpenCLDeviceFallbackRunnerTests: XCTestCase {
    private var databasePath = ""

    override func tearDown() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: databasePath + suffix) }
    }

    private func protocolText() -> String {
        """
        {
          "name": "opencl-fallback",
          "machines": [
            { "name": "missing-skip", "device": "gpu", "deviceFilter": "dlbench-no-such-device", "fallback": "skip" },
            { "name": "missing-fail", "device": "gpu", "deviceFilter": "dlbench-no-such-device" },
            { "name": "whatever", "device": "any" }
          ],
          "datasets": [{ "name": "blobs", "kind": "gaussian-clusters", "features": 8, "classes": 3,
                         "trainSamples": 64, "testSamples": 32, "noise": 0.5 }],
          "models": [{ "name": "mlp", "kind": "mlp", "hidden": [16] }],
          "engines": [{ "name": "gpu", "kind": "opencl" }],
          "tasks": [{ "name": "train", "kind": "train", "model": "mlp", "dataset": "blobs", "batchSize": 16, "steps": 3,
                      "optimizer": { "kind": "sgd", "lr": 0.1 } }],
          "repetition": { "warmupSteps": 1, "trials": 1 }
        }
        """
    }

    func testMissingDeviceSkipsOrFailsAsTheMachineSaysAndAnyRunsOnWhatExists() throws {
        _ = try OpenCLEngineTestSupport.context()
        databasePath = NSTemporaryDirectory() + "dlbench-opencl-\(UUID().uuidString).sqlite"
        let store = try ResultStore(path: databasePath)
        let text = protocolText()
        let benchmark = try ProtocolLoader.decode(text, file: "opencl-fallback.json")
        let outcome = try BenchmarkRunner(store: store).run(benchmark, protocolPath: "opencl-fallback.json", protocolText: text)
        XCTAssertEqual(outcome.status, .completed)
        let cases = try store.caseResults(runID: outcome.runID)
        let byMachine = Dictionary(uniqueKeysWithValues: cases.map { ($0.machine.name, $0) })

        let skipped = try XCTUnwrap(byMachine["missing-skip"])
        XCTAssertEqual(skipped.status, .skipped)
        XCTAssertTrue(skipped.message?.contains("no OpenCL GPU matching \"dlbench-no-such-device\" device") ?? false,
                      skipped.message ?? "no message")

        let failed = try XCTUnwrap(byMachine["missing-fail"])
        XCTAssertEqual(failed.status, .failed)
        XCTAssertTrue(failed.message?.contains(#"set the machine's "fallback": "skip""#) ?? false, failed.message ?? "no message")

        let ran = try XCTUnwrap(byMachine["whatever"])
        XCTAssertEqual(ran.status, .succeeded, ran.message ?? "")
        XCTAssertTrue(ran.configJSON.contains("openclDevice"), ran.configJSON)
        XCTAssertFalse(ran.configJSON.contains("unavailable"), ran.configJSON)
        // Device memory, host fallbacks, transfer and build time are stored beside the timings.
        let metrics = Dictionary(uniqueKeysWithValues: ran.series.map { ($0.metric, $0.values) })
        XCTAssertGreaterThan(metrics["device_peak_bytes"]?.first ?? 0, 0)
        XCTAssertEqual(metrics["host_fallback_kernels"]?.first, 0, "an MLP runs entirely on the device")
        XCTAssertNotNil(metrics["upload_time"])
        XCTAssertNotNil(metrics["program_build_time"])
        XCTAssertNotNil(metrics["deviation_from_eager"])
    }
}
