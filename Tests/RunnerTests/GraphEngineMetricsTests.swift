import Foundation
import ResultStore
import Runner
import XCTest

/// Traced and fused cases record their agreement with eager and their capture and memory-plan figures.
final class GraphEngineMetricsTests: RunnerTestCase {
    func testTracedAndFusedCasesRecordDeviationFromEagerAndPlanFigures() throws {
        let text = protocolText(trials: 1).replacingOccurrences(
            of: #""engines": [{ "name": "eager", "kind": "eager" }]"#,
            with: #""engines": [{ "name": "eager", "kind": "eager" }, { "name": "traced", "kind": "traced" }, { "name": "fused", "kind": "fused" }]"#)
        let outcome = try run(text)
        let cases = try store.caseResults(runID: outcome.runID).filter { $0.task == "train" }
        XCTAssertEqual(Set(cases.map(\.engine)), ["eager", "traced", "fused"])
        for result in cases {
            XCTAssertEqual(result.status, .succeeded, result.message ?? "")
            let metrics = Dictionary(uniqueKeysWithValues: result.series.map { ($0.metric, $0.values) })
            if result.engine == "eager" {
                XCTAssertNil(metrics["deviation_from_eager"], "eager is the reference")
                XCTAssertNil(metrics["kernels_per_step"])
                continue
            }
            let deviation = try XCTUnwrap(metrics["deviation_from_eager"]?.first, result.engine)
            XCTAssertLessThan(deviation, 1e-5, "\(result.engine) reproduces eager's losses")
            XCTAssertGreaterThan(metrics["capture_time"]?.first ?? 0, 0)
            XCTAssertGreaterThan(metrics["kernels_per_step"]?.first ?? 0, 0)
            XCTAssertLessThanOrEqual(metrics["arena_bytes"]?.first ?? .infinity, metrics["unplanned_intermediate_bytes"]?.first ?? 0)
        }
        let kernels = Dictionary(uniqueKeysWithValues: cases.compactMap { result in
            result.series.first { $0.metric == "kernels_per_step" }.map { (result.engine, $0.values[0]) }
        })
        XCTAssertLessThan(kernels["fused"] ?? .infinity, kernels["traced"] ?? 0, "fusion launches fewer kernels")
    }
}
