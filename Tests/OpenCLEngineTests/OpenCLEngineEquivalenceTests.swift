import Engines
import OpenCLEngine
import TensorCore
import XCTest

final class OpenCLEngineEquivalenceTests: XCTestCase {
    func testOpenCLMatchesEagerForEveryModelFamily() throws {
        _ = try OpenCLEngineTestSupport.context()
        try EngineEquivalence.check(OpenCLEngineTestSupport.factory, label: "opencl")
    }

    func testEveryModelFamilyRunsWithoutHostFallback() throws {
        for family in try ModelFamily.all() {
            let engine = try OpenCLEngine(model: family.make(), optimizer: Adam(learningRate: 0.01),
                                          context: OpenCLEngineTestSupport.context())
            _ = try engine.trainStep(inputs: family.inputs, labels: family.labels)
            let statistics = try XCTUnwrap(engine.statistics)
            XCTAssertEqual(statistics.fallbackOperations, 0, "\(family.name): \(engine.launchLabels.filter { $0.hasPrefix("host") })")
            XCTAssertGreaterThan(statistics.kernelsPerStep, 0)
        }
    }
}
