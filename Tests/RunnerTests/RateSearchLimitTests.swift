import Foundation
import ResultStore
import Runner
import XCTest

/// `max_rate_within_bound` is a measurement only when the search brackets the bound; a search limit is said, not
/// stored as a rate.
final class RateSearchLimitTests: RunnerTestCase {
    func testARateSearchThatNeverBracketsItsBoundSaysSoInsteadOfReportingItsLimit() throws {
        let task = """
            { "name": "serve", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [1],
              "scenario": "server", "targetRate": 400, "latencyBoundMs": 100000, "iterations": 40, "searchHighestRate": true }
            """
        let text = """
            {
              "name": "rate-limit",
              "machines": [{ "name": "cpu", "threads": 1 }],
              "datasets": [{ "name": "blobs", "kind": "gaussian-clusters", "features": 8, "classes": 3,
                             "trainSamples": 256, "testSamples": 128, "noise": 0.5 }],
              "models": [{ "name": "mlp", "kind": "mlp", "hidden": [16] }],
              "engines": [{ "name": "eager", "kind": "eager" }],
              "tasks": [\(task)],
              "repetition": { "warmupSteps": 2, "trials": 2 }
            }
            """
        let outcome = try run(text)
        let serve = try XCTUnwrap(try store.caseResults(runID: outcome.runID).first)
        XCTAssertEqual(serve.status, .succeeded, serve.message ?? "")
        XCTAssertNil(serve.series.first { $0.metric == "max_rate_within_bound" }, "a search limit is not a measurement")
        XCTAssertNotNil(serve.series.first { $0.metric == "latency" })
        let limits = try store.warnings(runID: outcome.runID).filter { $0.kind == "measurement-limit" }
        XCTAssertEqual(limits.count, 1, "once per case, not per trial")
        XCTAssertTrue(limits.first?.message.contains("still held at 25600 queries/s") == true, limits.first?.message ?? "")
    }
}
