import Engines
import Models
import OpenCLEngine
import OpenCLRuntime
import TensorCore
import XCTest
import _TestSupport
import _TensorTestSupport

/// A layer whose logits sum over two non-adjacent axes: a reduction the device kernels do not cover, so it must
/// take the counted host path and still give eager's result.
final class SplitAxesSum: Layer {
    let weight = Parameter(name: "weight", value: randomTensor([3, 2], seed: 11))
    var parameters: [Parameter] { [weight] }
    func callAsFunction(_ input: Tensor) throws -> Tensor {
        try (input * weight.value).sum(axes: [1, 3])
    }
}

final class OpenCLEngineAccountingTests: XCTestCase {
    func testReplayAllocatesNoDeviceMemoryAndReadsBackOnlyTheLoss() throws {
        let context = try OpenCLEngineTestSupport.context()
        let model = MLP.make(inputs: 16, hidden: [32], outputs: 4, activation: .relu, seed: 1)
        let engine = try OpenCLEngine(model: model, optimizer: SGD(learningRate: 0.1, momentum: 0.9), context: context)
        let inputs = randomTensor([8, 16], seed: 2), labels = Tensor(shape: [8], values: [0, 1, 2, 3, 0, 1, 2, 3])
        _ = try engine.trainStep(inputs: inputs, labels: labels)
        let before = context.memoryCounters
        for _ in 0..<3 { _ = try engine.trainStep(inputs: inputs, labels: labels) }
        let after = context.memoryCounters
        XCTAssertEqual(after.allocations, before.allocations, "no clCreateBuffer during replay")
        XCTAssertEqual(after.liveBytes, before.liveBytes)
        XCTAssertEqual(after.downloadedBytes - before.downloadedBytes, 3 * 4, "one float (the loss) read back per step")
        let batchBytes = (inputs.elementCount + labels.elementCount) * 4
        XCTAssertEqual(after.uploadedBytes - before.uploadedBytes, 3 * batchBytes, "only the batch goes up (SGD has no step scalars)")
        let statistics = try XCTUnwrap(engine.statistics)
        XCTAssertEqual(statistics.fallbackOperations, 0)
        XCTAssertGreaterThan(statistics.uploadNanoseconds, 0)
        XCTAssertGreaterThan(statistics.deviceBytes, 0)
        XCTAssertGreaterThanOrEqual(statistics.devicePeakBytes, statistics.deviceBytes)
        XCTAssertFalse(statistics.device.isEmpty)
    }

    func testOpWithoutDeviceKernelRunsOnHostIsCountedAndMatchesEager() throws {
        let context = try OpenCLEngineTestSupport.context()
        let inputs = randomTensor([4, 2, 3, 2], seed: 12), labels = Tensor(shape: [4], values: [0, 2, 1, 2])
        let eagerLoss = try EagerEngine(model: SplitAxesSum(), optimizer: SGD(learningRate: 0.1)).trainStep(inputs: inputs, labels: labels)
        let engine = try OpenCLEngine(model: SplitAxesSum(), optimizer: SGD(learningRate: 0.1), context: context)
        let loss = try engine.trainStep(inputs: inputs, labels: labels)
        assertAllClose([loss], [eagerLoss], relative: 1e-5, absolute: 1e-6, "loss through a host fallback")
        XCTAssertEqual(try XCTUnwrap(engine.statistics).fallbackOperations, 1, "\(engine.launchLabels)")
        XCTAssertEqual(engine.launchLabels.filter { $0.hasPrefix("host: sum(axes: [1, 3]") }.count, 1, "\(engine.launchLabels)")
    }

    func testFirstStepReportsCaptureAndProgramBuildTimeApart() throws {
        let engine = try OpenCLEngine(model: MLP.make(inputs: 4, hidden: [8], outputs: 2, activation: .relu, seed: 3),
                                      optimizer: Adam(learningRate: 0.01), context: OpenCLEngineTestSupport.context())
        _ = try engine.trainStep(inputs: randomTensor([2, 4], seed: 4), labels: Tensor(shape: [2], values: [0, 1]))
        let statistics = try XCTUnwrap(engine.statistics)
        XCTAssertEqual(statistics.graphsCompiled, 1)
        XCTAssertGreaterThan(statistics.captureNanoseconds, 0)
        XCTAssertLessThanOrEqual(statistics.programBuildNanoseconds, statistics.captureNanoseconds)
    }
}
