import XCTest
@testable import ProtocolModel

/// The top-level `baseline`: the engine the headline compares with, checked like every reference.
final class BaselineDecodingTests: XCTestCase {
    static let engines = #"[{ "name": "eager", "kind": "eager" }, { "name": "fused", "kind": "fused" }]"#

    func testWithoutTheKeyTheFirstEngineIsTheBaseline() throws {
        let decoded = try ProtocolLoader.decode(SampleProtocol.json(engines: Self.engines), file: "p.json")
        XCTAssertNil(decoded.baseline)
        XCTAssertEqual(decoded.baselineEngine, "eager")
    }

    func testTheKeyNamesAnotherEngine() throws {
        let decoded = try ProtocolLoader.decode(SampleProtocol.json(engines: Self.engines, extra: #""baseline": "fused""#),
                                                file: "p.json")
        XCTAssertEqual(decoded.baseline, "fused")
        XCTAssertEqual(decoded.baselineEngine, "fused")
    }

    func testAMisspeltBaselineSuggestsTheEngine() {
        assertSingleIssue(SampleProtocol.json(engines: Self.engines, extra: #""baseline": "fuse""#), path: "baseline",
                          contains: ["undefined engine \"fuse\"", "defined in 'engines' ('eager', 'fused')",
                                     "did you mean 'fused'?"])
    }

    func testABaselineThatIsNotANameIsRejected() {
        assertSingleIssue(SampleProtocol.json(engines: Self.engines, extra: #""baseline": 3"#), path: "baseline",
                          contains: ["expected a non-empty string, found 3"])
    }

    func testThePrimaryMetricFollowsTheWorkload() throws {
        let decoded = try ProtocolLoader.decode(SampleProtocol.json(tasks: """
            [\(SampleProtocol.trainTask),
             { "name": "single", "kind": "infer", "model": "mlp-small", "dataset": "blobs", "batchSizes": [1] },
             { "name": "offline", "kind": "infer", "model": "mlp-small", "dataset": "blobs", "batchSizes": [8],
               "scenario": "offline" }]
            """), file: "p.json")
        XCTAssertEqual(decoded.tasks.map(\.workload.primaryMetric), [.stepTime, .latency, .samplesPerSecond])
    }
}
