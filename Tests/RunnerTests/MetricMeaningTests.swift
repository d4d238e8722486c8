import Foundation
import ProtocolModel
import ResultStore
import Runner
import XCTest

/// Metrics measure what their names say: buffer requests per step tell eager from a planned replay, and system
/// allocations are their own metric.
final class MetricMeaningTests: RunnerTestCase {
    func testAllocationsPerStepCountsRequestsAndSystemAllocationsApart() throws {
        let text = protocolText(trials: 1).replacingOccurrences(
            of: #""engines": [{ "name": "eager", "kind": "eager" }]"#,
            with: #""engines": [{ "name": "eager", "kind": "eager" }, { "name": "traced", "kind": "traced" }]"#)
        let outcome = try run(text)
        let cases = try store.caseResults(runID: outcome.runID).filter { $0.task == "train" }
        func value(_ engine: String, _ metric: Metric) throws -> Double {
            let series = try XCTUnwrap(cases.first { $0.engine == engine }?.series.first { $0.metric == metric.rawValue })
            return try XCTUnwrap(series.values.first)
        }
        XCTAssertGreaterThan(try value("eager", .allocationsPerStep), 10, "eager asks for every intermediate")
        // A planned replay asks for no buffer; the two left are the batch's inputs and labels, cut each step.
        XCTAssertEqual(try value("traced", .allocationsPerStep), 2)
        XCTAssertLessThanOrEqual(try value("eager", .systemAllocationsPerStep), try value("eager", .allocationsPerStep))
        XCTAssertEqual(try value("traced", .systemAllocationsPerStep), 0)
    }
}
