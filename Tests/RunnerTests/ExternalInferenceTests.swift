import Foundation
import ProtocolModel
import ResultStore
@testable import Runner
import XCTest

/// Infer tasks reach external workers in every scenario (the server scenario with dlbench's own arrival schedule)
/// and come back with dlbench's own inference metrics and an agreement check on the first batches' logits. The fake
/// worker proves the hand-off without a framework; the real PyTorch worker runs when PyTorch is installed.
final class ExternalInferenceTests: RunnerTestCase {
    private func protocolText(engines: [String], tasks: [String]) -> String {
        """
        {
          "name": "external-infer",
          "machines": [{ "name": "cpu", "threads": 1 }],
          "datasets": [{ "name": "blobs", "kind": "gaussian-clusters", "features": 6, "classes": 3, "trainSamples": 64, "testSamples": 16 }],
          "models": [{ "name": "mlp", "kind": "mlp", "hidden": [5] }],
          "engines": [\(engines.joined(separator: ",\n"))],
          "tasks": [\(tasks.joined(separator: ",\n"))],
          "metrics": ["latency", "latency_p90", "latency_p99", "samples_per_second", "peak_rss_bytes", "deviation_from_eager",
                      "latency_bound_met", "max_rate_within_bound"],
          "repetition": { "warmupSteps": 2, "trials": 1, "caseTimeoutSeconds": 120 }
        }
        """
    }

    /// Every case of the run, keyed "task|engine|batchSize".
    private func runCases(_ text: String) throws -> [String: CaseResult] {
        let benchmark = try ProtocolLoader.decode(text, file: "external-infer.json")
        let outcome = try BenchmarkRunner(store: store).run(benchmark, protocolPath: "external-infer.json", protocolText: text)
        XCTAssertEqual(outcome.status, .completed)
        return Dictionary(uniqueKeysWithValues: try store.caseResults(runID: outcome.runID).map {
            ("\($0.task)|\($0.engine)|\($0.batchSize ?? 0)", $0)
        })
    }

    private static func fakeEngine(_ behaviour: String = "agree", name: String = "fake") -> String {
        let command = ExternalEngineTests.quoted("python3 '\(ExternalEngineTests.fakeWorker)'")
        return #"{ "name": "\#(name)", "kind": "external", "worker": \#(command), "options": { "behaviour": "\#(behaviour)" }, "environment": { "DLBENCH_FAKE_ENVIRONMENT": "passed" } }"#
    }

    /// The worker's logits of the first query batches are checked against eager's forward pass: the fake computes
    /// the MLP in plain Python from the hand-off files (agrees to float32 rounding), or scales them by 1.1.
    func testInferLogitsOfExternalEnginesAreCheckedAgainstEagerOnTheSameQueries() throws {
        let tasks = [#"{ "name": "stream", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [1, 4], "iterations": 3 }"#]
        let cases = try runCases(protocolText(engines: [Self.fakeEngine(), Self.fakeEngine("disagree", name: "off")], tasks: tasks))
        for batchSize in [1, 4] {
            let agreeing = try XCTUnwrap(cases["stream|fake|\(batchSize)"])
            XCTAssertEqual(agreeing.status, .succeeded, agreeing.message ?? "")
            let deviation = try XCTUnwrap(agreeing.series.first { $0.metric == "deviation_from_eager" }?.values.first)
            XCTAssertLessThan(deviation, 1e-5, "float32 eager against the same MLP in double precision")
            let scaled = try XCTUnwrap(cases["stream|off|\(batchSize)"])
            XCTAssertEqual(scaled.status, .failed)
            XCTAssertTrue(scaled.message?.contains("logits deviate from eager by 0.1") ?? false, scaled.message ?? "")
        }
    }

    func testInferCasesOfExternalEnginesRecordLatencySamplesInEveryScenario() throws {
        let tasks = [
            #"{ "name": "stream", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [1, 4], "iterations": 5 }"#,
            #"{ "name": "batch", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [4], "iterations": 5, "scenario": "offline" }"#,
            #"{ "name": "serve", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [1], "iterations": 5, "scenario": "server", "targetRate": 100, "latencyBoundMs": 50 }"#,
        ]
        let cases = try runCases(protocolText(engines: [Self.fakeEngine()], tasks: tasks))
        for batchSize in [1, 4] {
            let result = try XCTUnwrap(cases["stream|fake|\(batchSize)"])
            XCTAssertEqual(result.status, .succeeded, result.message ?? "")
            XCTAssertEqual(result.series.first { $0.metric == "latency" }?.values,
                           (0..<5).map { Double(batchSize + $0) }, "one latency per query, as the worker sent them")
            XCTAssertEqual(result.series.first { $0.metric == "latency" }?.unit, "ms")
            XCTAssertEqual(result.series.first { $0.metric == "latency_p99" }?.values, [Double(batchSize + 4)])
            XCTAssertEqual(result.series.first { $0.metric == "peak_rss_bytes" }?.values, [8192])
        }
        XCTAssertEqual(cases["batch|fake|4"]?.status, .succeeded, cases["batch|fake|4"]?.message ?? "")
        let server = try XCTUnwrap(cases["serve|fake|1"])
        XCTAssertEqual(server.status, .succeeded, server.message ?? "")
        XCTAssertEqual(server.series.first { $0.metric == "latency" }?.values.count, 5,
                       "one latency per arrival dlbench scheduled")
    }

    func testTorchEagerInferenceReportsOneLatencyPerQueryWithPercentilesAndThroughput() throws {
        try ExternalEngineTests.skipUnlessTorchIsInstalled()
        let tasks = [
            #"{ "name": "stream", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [1, 8], "iterations": 20 }"#,
            #"{ "name": "batch", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [8], "iterations": 20, "scenario": "offline" }"#,
        ]
        let cases = try runCases(protocolText(engines: [ExternalEngineTests.torchEagerEngine], tasks: tasks))
        for batchSize in [1, 8] {
            let result = try XCTUnwrap(cases["stream|torch-eager|\(batchSize)"])
            XCTAssertEqual(result.status, .succeeded, result.message ?? "")
            let latencies = try XCTUnwrap(result.series.first { $0.metric == "latency" }?.values)
            XCTAssertEqual(latencies.count, 20)
            XCTAssertTrue(latencies.allSatisfy { $0 > 0 && $0 < 1000 }, "milliseconds per forward call: \(latencies)")
            XCTAssertEqual(result.series.first { $0.metric == "latency_p90" }?.values.count, 1)
            XCTAssertEqual(result.series.first { $0.metric == "latency_p99" }?.values.count, 1)
            XCTAssertGreaterThan(result.series.first { $0.metric == "peak_rss_bytes" }?.values.first ?? 0, 0)
        }
        let offline = try XCTUnwrap(cases["batch|torch-eager|8"])
        XCTAssertEqual(offline.status, .succeeded, offline.message ?? "")
        XCTAssertNil(offline.series.first { $0.metric == "latency" }, "offline times all queries under one clock")
        XCTAssertGreaterThan(offline.series.first { $0.metric == "samples_per_second" }?.values.first ?? 0, 0)
        XCTAssertLessThanOrEqual(offline.series.first { $0.metric == "deviation_from_eager" }?.values.first ?? .infinity, 1e-3)
    }

    /// The real worker serves dlbench's arrival schedule and runs the same highest-rate search: the rate is either
    /// recorded or, when the search ran out of doublings/halvings, a measurement-limit warning says why.
    func testTorchEagerServesTheServerScenarioWithTheRateSearch() throws {
        try ExternalEngineTests.skipUnlessTorchIsInstalled()
        let task = #"{ "name": "serve", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [1], "iterations": 40, "scenario": "server", "targetRate": 500, "latencyBoundMs": 1, "searchHighestRate": true }"#
        let text = protocolText(engines: [ExternalEngineTests.torchEagerEngine], tasks: [task])
        let benchmark = try ProtocolLoader.decode(text, file: "external-infer.json")
        let outcome = try BenchmarkRunner(store: store).run(benchmark, protocolPath: "external-infer.json", protocolText: text)
        let server = try XCTUnwrap(try store.caseResults(runID: outcome.runID).first)
        XCTAssertEqual(server.status, .succeeded, server.message ?? "")
        XCTAssertEqual(server.series.first { $0.metric == "latency" }?.values.count, 40, "one latency per scheduled arrival")
        let met = try XCTUnwrap(server.series.first { $0.metric == "latency_bound_met" }?.values.first)
        XCTAssertTrue(met == 0 || met == 1)
        let highest = server.series.first { $0.metric == "max_rate_within_bound" }?.values.first
        let limits = try store.warnings(runID: outcome.runID).filter { $0.message.contains("max_rate_within_bound not recorded") }
        XCTAssertTrue((highest != nil) != !limits.isEmpty, "either a rate or the reason there is none: \(String(describing: highest)), \(limits)")
        if let highest { XCTAssertGreaterThan(highest, 0) }
    }
}
