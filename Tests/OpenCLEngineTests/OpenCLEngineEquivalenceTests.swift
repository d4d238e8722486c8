import Engines
import OpenCLEngine
import TensorCore
import XCTest
import _EngineTestSupport

final class OpenCLEngineEquivalenceTests: XCTestCase {
    /// The device computes the same graph, but its GEMM accumulates K in tiles (and with `mad`), its reductions
    /// combine partial sums in a tree, and its exp/tanh are the OpenCL builtins (a few ulp from glibc's and
    /// TensorCore's fast tanh). Each reordering costs ≈ √n ulp on a sum of n terms; over a forward, a backward and
    /// six Adam steps on values of order 1 that stays well under 1e-4 relative (≈ 1000 ulp of Float32), while a
    /// wrong kernel (an off-by-one, a missed broadcast, a stale buffer) moves results by 1e-2 or more.
    static let relative: Float = 1e-4
    static let absolute: Float = 2e-5

    func testOpenCLMatchesEagerForEveryModelFamily() throws {
        _ = try OpenCLEngineTestSupport.context()
        try EngineEquivalence.check(OpenCLEngineTestSupport.factory, label: "opencl", relative: Self.relative,
                                    absolute: Self.absolute)
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
