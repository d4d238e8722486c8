import _TestSupport
import Foundation
import ProtocolModel
import ResultStore
import Runner
import XCTest

/// Engines with `"profileKernels": true` store a kernel breakdown per trial — in-process and through a real
/// `dlbench worker` — and unprofiled engines store none.
final class KernelProfileRunnerTests: RunnerTestCase {
    /// Evaluations between measured steps (a quality target) and the server scenario's rate search, whose kernels
    /// must stay out of the breakdown.
    private static let unmeasuredWorkTasks = """
        , { "name": "train-to-target", "kind": "train", "model": "mlp", "dataset": "blobs", "batchSize": 32, "steps": 20,
            "optimizer": { "kind": "sgd", "lr": 0.1 }, "target": { "metric": "test_accuracy", "value": 1.0, "evaluateEvery": 3 } },
          { "name": "serve", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [4], "iterations": 10,
            "scenario": "server", "targetRate": 2000, "latencyBoundMs": 50, "searchHighestRate": true }
        """

    /// The tiny protocol with a profiled fused and traced engine beside an unprofiled fused one and eager.
    private func profiledProtocol(trials: Int = 2, extraTasks: String = "") -> String {
        protocolText(extraTasks: extraTasks, trials: trials).replacingOccurrences(
            of: #""engines": [{ "name": "eager", "kind": "eager" }]"#,
            with: """
                "engines": [{ "name": "eager", "kind": "eager" }, { "name": "fused", "kind": "fused" },
                            { "name": "fused-profiled", "kind": "fused", "profileKernels": true },
                            { "name": "traced-profiled", "kind": "traced", "profileKernels": true }]
                """)
    }

    private func assertBreakdownMatchesEngineFigures(_ result: CaseResult, _ profile: CaseKernelProfile?, trials: Int,
                                                     file: StaticString = #filePath, line: UInt = #line) throws {
        let profile = try XCTUnwrap(profile, "\(result.engine)/\(result.task)/b\(result.batchSize ?? 0) stored no kernel rows",
                                    file: file, line: line)
        XCTAssertEqual(profile.trials, trials, "every trial profiled", file: file, line: line)
        XCTAssertFalse(profile.kernels.isEmpty, file: file, line: line)
        XCTAssertTrue(profile.kernels.allSatisfy { $0.nanosecondsPerStep > 0 }, "\(profile.kernels)", file: file, line: line)
        XCTAssertTrue(profile.kernels.allSatisfy { $0.launchesPerStep > 0 && $0.launchesPerStep.rounded() == $0.launchesPerStep },
                      "every kernel runs a whole number of times per step: \(profile.kernels)", file: file, line: line)
        if result.taskKind == "train" {
            let kernelsPerStep = try XCTUnwrap(result.series.first { $0.metric == "kernels_per_step" }?.values.first,
                                               file: file, line: line)
            XCTAssertEqual(profile.kernels.reduce(0) { $0 + $1.launchesPerStep }, kernelsPerStep,
                           "launches per step add up to the engine's kernels_per_step", file: file, line: line)
        }
    }

    func testProfiledGraphEnginesStoreKernelRowsInProcessAndOthersStoreNone() throws {
        let outcome = try run(profiledProtocol(extraTasks: Self.unmeasuredWorkTasks))
        XCTAssertEqual(outcome.status, .completed)
        let cases = try store.caseResults(runID: outcome.runID)
        XCTAssertTrue(cases.allSatisfy { $0.status == .succeeded }, cases.compactMap(\.message).joined(separator: "; "))
        let profiles = Dictionary(uniqueKeysWithValues: try store.kernelProfiles(runID: outcome.runID).map { ($0.caseID, $0) })
        for result in cases {
            if result.engine.hasSuffix("-profiled") {
                try assertBreakdownMatchesEngineFigures(result, profiles[result.id], trials: 2)
            } else {
                XCTAssertNil(profiles[result.id], "\(result.engine) was not asked to profile")
            }
        }
        let toTarget = try XCTUnwrap(cases.first { $0.engine == "fused-profiled" && $0.task == "train-to-target" })
        XCTAssertNotNil(toTarget.series.first { $0.metric == "evaluation_time" }, "evaluations ran between measured steps")
        let serve = try XCTUnwrap(cases.first { $0.engine == "fused-profiled" && $0.task == "serve" })
        let perQuery = try XCTUnwrap(profiles[serve.id]).kernels.map(\.launchesPerStep)
        let single = try XCTUnwrap(profiles[try XCTUnwrap(cases.first { $0.engine == "fused-profiled" && $0.task == "infer" }).id])
        XCTAssertEqual(perQuery.reduce(0, +), single.kernels.reduce(0) { $0 + $1.launchesPerStep },
                       "a query launches the inference graph once: the rate search's probes are not counted")
        let fused = try XCTUnwrap(cases.first { $0.engine == "fused-profiled" && $0.task == "train" })
        XCTAssertTrue(fused.configJSON.contains(#""profileKernels":true"#), fused.configJSON)
        let kernels = try XCTUnwrap(profiles[fused.id]).kernels.map(\.kernel)
        XCTAssertTrue(kernels.contains { $0.hasPrefix("matmul") && $0.contains("+bias+relu → [32×16]") },
                      "labels name the fused kernel and its shape: \(kernels)")
    }

    func testARealDlbenchWorkerSendsTheBreakdownWithItsSamples() throws {
        let executable = try BuiltProducts.requireDlbench()
        let text = profiledProtocol(trials: 1)
        let benchmark = try ProtocolLoader.decode(text, file: "tiny.json")
        let outcome = try BenchmarkRunner(store: store, isolation: .worker(WorkerCommand(executable: executable, arguments: ["worker"])))
            .run(benchmark, protocolPath: "tiny.json", protocolText: text)
        let cases = try store.caseResults(runID: outcome.runID)
        XCTAssertTrue(cases.allSatisfy { $0.status == .succeeded }, cases.compactMap(\.message).joined(separator: "; "))
        let profiles = Dictionary(uniqueKeysWithValues: try store.kernelProfiles(runID: outcome.runID).map { ($0.caseID, $0) })
        let profiled = cases.filter { $0.engine.hasSuffix("-profiled") }
        XCTAssertEqual(profiled.count, 6, "2 engines × (train + infer at 2 batch sizes)")
        for result in profiled { try assertBreakdownMatchesEngineFigures(result, profiles[result.id], trials: 1) }
        XCTAssertEqual(profiles.count, profiled.count, "no rows for unprofiled engines")
    }
}
