import Foundation
import ProtocolModel
import ResultStore
@testable import Runner
@testable import TrialExecution
import XCTest

/// External engines run through the worker protocol: a stdlib-only fake worker (Fixtures/fake_external_worker.py)
/// proves every message and every failure without PyTorch or JAX; the real PyTorch worker is checked against
/// dlbench eager when PyTorch is installed.
final class ExternalEngineTests: RunnerTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fakeWorker = repositoryRoot.appendingPathComponent("Tests/RunnerTests/Fixtures/fake_external_worker.py").path

    private func engine(_ behaviour: String, worker: String? = nil, losses: [Double] = [],
                        environment: String = #"{ "DLBENCH_FAKE_ENVIRONMENT": "passed" }"#) -> String {
        let command = worker ?? "python3 '\(Self.fakeWorker)'"
        let lossList = losses.map { String($0) }.joined(separator: ", ")
        return #"{ "name": "\#(behaviour)", "kind": "external", "worker": \#(Self.quoted(command)), "options": { "behaviour": "\#(behaviour)", "losses": [\#(lossList)] }, "environment": \#(environment) }"#
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private func protocolText(engines: [String], timeout: Double = 20) -> String {
        """
        {
          "name": "external",
          "machines": [{ "name": "cpu", "threads": 1 }],
          "datasets": [{ "name": "blobs", "kind": "gaussian-clusters", "features": 6, "classes": 3, "trainSamples": 64, "testSamples": 16 }],
          "models": [{ "name": "mlp", "kind": "mlp", "hidden": [5] }],
          "engines": [\(engines.joined(separator: ",\n"))],
          "tasks": [{ "name": "train", "kind": "train", "model": "mlp", "dataset": "blobs", "batchSize": 8, "steps": 4,
                      "optimizer": { "kind": "sgd", "lr": 0.1, "momentum": 0.9 } }],
          "metrics": ["step_time", "peak_rss_bytes", "deviation_from_eager"],
          "agreement": { "steps": 3, "tolerance": 0.001 },
          "repetition": { "warmupSteps": 1, "trials": 1, "caseTimeoutSeconds": \(timeout) }
        }
        """
    }

    /// Eager's first losses for trial 0 of the protocol's task: what an agreeing engine must report.
    private func eagerLosses(_ text: String) throws -> [Double] {
        let benchmark = try ProtocolLoader.decode(text, file: "external.json")
        let plannedCase = try XCTUnwrap(CasePlanner.plan(benchmark).first)
        guard case let .train(spec) = plannedCase.task.workload else {
            XCTFail("the test protocol's first task must train")
            return []
        }
        let handOff = try ExternalHandOff()
        defer { handOff.remove() }
        return try handOff.eagerLosses(plannedCase, spec: spec, model: try XCTUnwrap(benchmark.models.first),
                                       dataset: try WorkloadFactory.dataset(for: plannedCase, in: benchmark), trial: 0,
                                       steps: benchmark.agreement.steps, protocolSeed: benchmark.seed)
    }

    private func runCases(_ text: String) throws -> [String: CaseResult] {
        let benchmark = try ProtocolLoader.decode(text, file: "external.json")
        let outcome = try BenchmarkRunner(store: store).run(benchmark, protocolPath: "external.json", protocolText: text)
        XCTAssertEqual(outcome.status, .completed)
        return Dictionary(uniqueKeysWithValues: try store.caseResults(runID: outcome.runID).map { ($0.engine, $0) })
    }

    func testEveryWorkerMessageAndFailureIsRecordedAgainstItsCaseAndTheRunGoesOn() throws {
        let placeholder = protocolText(engines: [#"{ "name": "eager", "kind": "eager" }"#])
        let losses = try eagerLosses(placeholder)
        XCTAssertEqual(losses.count, 3)
        let engines = [
            #"{ "name": "eager", "kind": "eager" }"#,
            engine("agree", losses: losses), engine("disagree", losses: losses), engine("bad-json", losses: losses),
            engine("early-exit"), engine("wrong-metric", losses: losses), engine("hang"), engine("unsupported"),
            engine("no-environment", losses: losses, environment: "{}"),
            engine("missing-module", environment: #"{ "DLBENCH_FAKE_MISSING_MODULE": "1" }"#),
            engine("missing-interpreter", worker: "python3-not-installed -m dlbench_torch"),
            engine("few-losses", losses: Array(losses.prefix(1))),
        ]
        let cases = try runCases(protocolText(engines: engines, timeout: 3))
        func message(_ engine: String) -> String { cases[engine]?.message ?? "" }

        let agree = try XCTUnwrap(cases["agree"])
        XCTAssertEqual(agree.status, .succeeded, message("agree"))
        XCTAssertEqual(agree.series.first { $0.metric == "step_time" }?.values, [2, 3])
        XCTAssertEqual(agree.series.first { $0.metric == "peak_rss_bytes" }?.values, [4096])
        XCTAssertEqual(agree.series.first { $0.metric == "deviation_from_eager" }?.values, [0])
        XCTAssertEqual(cases["eager"]?.status, .succeeded)

        XCTAssertEqual(cases["disagree"]?.status, .failed)
        XCTAssertTrue(message("disagree").contains("deviation: losses deviate from eager by 0.1 (relative)"), message("disagree"))
        XCTAssertTrue(message("disagree").contains("tolerance 0.001"), message("disagree"))
        XCTAssertTrue(message("bad-json").contains("protocol violation: not a worker-protocol line: {not json"), message("bad-json"))
        XCTAssertTrue(message("early-exit").contains("status 3") && message("early-exit").contains("segfault in the framework"),
                      message("early-exit"))
        XCTAssertTrue(message("wrong-metric").contains("unknown metric 'step_tme'"), message("wrong-metric"))
        XCTAssertTrue(message("hang").contains("timeout") && message("hang").contains("3.0 s"), message("hang"))
        XCTAssertTrue(message("no-environment").contains("environment did not reach the worker"), message("no-environment"))
        XCTAssertTrue(message("few-losses").contains("result.losses has 1 losses; expected the first 3"), message("few-losses"))
        for failed in ["disagree", "bad-json", "early-exit", "wrong-metric", "hang", "no-environment", "few-losses"] {
            XCTAssertEqual(cases[failed]?.status, .failed, failed)
            XCTAssertEqual(cases[failed]?.trialCount, 0, "\(failed): no partial trial is stored")
        }

        XCTAssertEqual(cases["unsupported"]?.status, .skipped)
        XCTAssertEqual(message("unsupported"), "this fake has no CNN")
        XCTAssertEqual(cases["missing-module"]?.status, .skipped)
        XCTAssertTrue(message("missing-module").contains("No module named 'torch'")
                      && message("missing-module").contains("scripts/install-python-workers.sh"), message("missing-module"))
        XCTAssertEqual(cases["missing-interpreter"]?.status, .skipped)
        XCTAssertTrue(message("missing-interpreter").contains("'python3-not-installed' is not on PATH"), message("missing-interpreter"))
    }

    func testDeviationIsTheLargestRelativeDifferenceOverTheFirstSteps() throws {
        let policy = AgreementPolicy(steps: 3, tolerance: 1e-3)
        let worst = try XCTUnwrap(policy.deviation(of: [2.0, 1.01, 0.5, 100], from: [2.0, 1.0, 0.5, 1]))
        XCTAssertEqual(worst.value, 0.01, accuracy: 1e-12)
        XCTAssertEqual(worst.step, 1, "step 3 lies beyond agreement.steps")
        XCTAssertEqual(policy.deviation(of: [1e-7], from: [0])?.value ?? 0, 0.1, accuracy: 1e-9, "the denominator is floored at 1e-6")
        XCTAssertEqual(policy.deviation(of: [.nan], from: [1])?.value, .infinity)
    }

    func testWorkerCommandsSplitLikeAShellWithoutExpansion() throws {
        XCTAssertEqual(try ShellWords.split("python3 -m dlbench_torch"), ["python3", "-m", "dlbench_torch"])
        XCTAssertEqual(try ShellWords.split(#"'/opt/my python/python3' -m "a \"b\"" c\ d $HOME"#),
                       ["/opt/my python/python3", "-m", #"a "b""#, "c d", "$HOME"])
        XCTAssertThrowsError(try ShellWords.split("python3 'unterminated"))
        XCTAssertThrowsError(try ShellWords.split("   "))
    }

    /// Skips the calling test, with the install hint, where `import torch, numpy` fails.
    /// Skips without PyTorch, with the install hint; under CI, which installs it, fails instead.
    static func skipUnlessTorchIsInstalled() throws {
        try FrameworkAgreementTests.requireInstalled(
            FrameworkAgreementTests.Framework(name: "PyTorch", probe: "import torch, numpy", engines: [], module: ""))
    }

    /// The torch-eager engine with the repository's workers on PYTHONPATH.
    static var torchEagerEngine: String {
        let environment = #"{ "PYTHONPATH": \#(quoted(repositoryRoot.appendingPathComponent("Workers/python").path)) }"#
        return #"{ "name": "torch-eager", "kind": "external", "worker": "python3 -m dlbench_torch", "options": { "mode": "eager" }, "environment": \#(environment) }"#
    }

    func testTorchEagerAgreesWithDlbenchEagerOnAnMLPFromTheSameWeights() throws {
        try Self.skipUnlessTorchIsInstalled()
        let torch = Self.torchEagerEngine
        let cases = try runCases(protocolText(engines: [#"{ "name": "eager", "kind": "eager" }"#, torch], timeout: 120))
        let result = try XCTUnwrap(cases["torch-eager"])
        XCTAssertEqual(result.status, .succeeded, result.message ?? "")
        let deviation = try XCTUnwrap(result.series.first { $0.metric == "deviation_from_eager" }?.values.first)
        XCTAssertLessThanOrEqual(deviation, 1e-3, "the stated tolerance for float32")
        XCTAssertEqual(result.series.first { $0.metric == "step_time" }?.values.count, 4)
    }
}
