import Engines
import Models
import TensorCore
import XCTest
import _TestSupport
import _EngineTestSupport
import _TensorTestSupport

final class TracedEngineTests: XCTestCase {
    /// Graph engines run the same kernels in the same order as eager, but fusion may reassociate a few sums;
    /// 1e-4 relative (≈ 1000 ulp of Float32) on values of order 1 is far below any real divergence.
    static let relative: Float = 1e-4
    static let absolute: Float = 1e-5

    static let traced: EngineFactory = { model, optimizer in
        try GraphEngine(name: "traced", model: model, optimizer: optimizer, passes: [SimplificationPass()])
    }

    func testTracedMatchesEagerForEveryModelFamily() throws {
        try EngineEquivalence.check(Self.traced, label: "traced", relative: Self.relative, absolute: Self.absolute)
    }

    func testReplayedStepAllocatesNothing() throws {
        let model = MLP.make(inputs: 16, hidden: [32, 32], outputs: 4, activation: .relu, seed: 1)
        let engine = try Self.traced(model, SGD(learningRate: 0.1, momentum: 0.9))
        let inputs = randomTensor([8, 16], seed: 2), labels = Tensor(shape: [8], values: [0, 1, 2, 3, 0, 1, 2, 3])
        _ = try engine.trainStep(inputs: inputs, labels: labels)  // capture
        let before = BufferPool.shared.snapshot
        for _ in 0..<5 { _ = try engine.trainStep(inputs: inputs, labels: labels) }
        let after = BufferPool.shared.snapshot
        XCTAssertEqual(after.requests, before.requests, "no tensor buffer requested during replay")
        XCTAssertEqual(after.allocations, before.allocations)
        XCTAssertEqual(after.liveBytes, before.liveBytes)
    }

    func testNewBatchSizeCapturesANewGraphInsteadOfPadding() throws {
        let model = MLP.make(inputs: 5, hidden: [6], outputs: 3, activation: .tanh, seed: 3)
        let engine = try Self.traced(model, SGD(learningRate: 0.1))
        let reference = EagerEngine(model: MLP.make(inputs: 5, hidden: [6], outputs: 3, activation: .tanh, seed: 3),
                                    optimizer: SGD(learningRate: 0.1))
        for batch in [4, 3, 4] {
            let inputs = randomTensor([batch, 5], seed: UInt64(batch)), labels = Tensor(shape: [batch], values: (0..<batch).map { Float($0 % 3) })
            let expected = try reference.trainStep(inputs: inputs, labels: labels)
            let actual = try engine.trainStep(inputs: inputs, labels: labels)
            assertAllClose([actual], [expected], relative: 1e-5)
        }
        XCTAssertEqual(engine.statistics?.graphsCompiled, 2, "batch 4 captured once, batch 3 once")
        XCTAssertGreaterThan(engine.statistics?.captureNanoseconds ?? 0, 0)
    }

    func testMemoryPlanReusesArenaSpace() throws {
        let model = MLP.make(inputs: 64, hidden: [128, 128, 128], outputs: 10, activation: .relu, seed: 4)
        let engine = try Self.traced(model, SGD(learningRate: 0.1))
        _ = try engine.trainStep(inputs: randomTensor([32, 64], seed: 5), labels: Tensor.zeros([32]))
        let statistics = try XCTUnwrap(engine.statistics)
        XCTAssertGreaterThan(statistics.arenaBytes, 0)
        XCTAssertLessThan(statistics.arenaBytes, statistics.naiveIntermediateBytes, "lifetimes let buffers share space")
    }
}
