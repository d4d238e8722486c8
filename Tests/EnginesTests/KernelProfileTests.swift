import Engines
import Models
import TensorCore
import XCTest

final class KernelProfileTests: XCTestCase {
    func testRecordsAggregateByKernelInFirstLaunchOrder() {
        var profile = KernelProfile()
        profile.record(kernel: "b", nanoseconds: 10)
        profile.record(kernel: "a", nanoseconds: 5)
        profile.record(kernel: "b", nanoseconds: 30)
        XCTAssertEqual(profile.entries, [
            KernelProfile.Entry(kernel: "b", launches: 2, nanoseconds: 40),
            KernelProfile.Entry(kernel: "a", launches: 1, nanoseconds: 5),
        ])
        XCTAssertEqual(profile.totalNanoseconds, 45)
        XCTAssertEqual(KernelProfile(entries: profile.entries), profile)
    }

    func testProfilingFusedEngineTimesEveryKernelOfEveryStepAndStartsAfreshOnTake() throws {
        let model = MLP.make(inputs: 4, hidden: [5], outputs: 3, activation: .relu, seed: 1)
        let engine = try GraphEngine(name: "fused", model: model, optimizer: SGD(learningRate: 0.1),
                                     passes: FusionOptions.all.passes, profilesKernels: true)
        let inputs = try Tensor(shape: [2, 4], values: (0..<8).map { Float($0) / 8 })
        let labels = try Tensor(shape: [2], values: [0, 2])
        _ = try engine.trainStep(inputs: inputs, labels: labels)
        _ = try engine.takeKernelProfile()  // the first step, discarded as a trial discards warm-up
        for _ in 0..<3 { _ = try engine.trainStep(inputs: inputs, labels: labels) }
        let profile = try XCTUnwrap(try engine.takeKernelProfile())
        let kernelsPerStep = try XCTUnwrap(engine.statistics).kernelsPerStep
        XCTAssertEqual(profile.entries.reduce(0) { $0 + $1.launches }, 3 * kernelsPerStep, "every launch of 3 steps counted")
        XCTAssertTrue(profile.entries.contains { $0.kernel == "matmul(tA: false, tB: false)+bias+relu → [2×5]" },
                      "labels name the kernel and its output shape: \(profile.entries.map(\.kernel))")
        XCTAssertGreaterThan(profile.totalNanoseconds, 0)
        XCTAssertEqual(try engine.takeKernelProfile(), KernelProfile(), "taking the profile starts a new stretch")
    }

    func testEnginesNotAskedToProfileReportNoProfile() throws {
        let model = MLP.make(inputs: 4, hidden: [5], outputs: 3, activation: .relu, seed: 1)
        let engine = try GraphEngine(name: "traced", model: model, optimizer: SGD(learningRate: 0.1), passes: [])
        _ = try engine.trainStep(inputs: try Tensor(shape: [2, 4], values: [Float](repeating: 0.5, count: 8)),
                                 labels: try Tensor(shape: [2], values: [0, 1]))
        XCTAssertNil(try engine.takeKernelProfile())
        XCTAssertNil(try EagerEngine(model: model, optimizer: SGD(learningRate: 0.1)).takeKernelProfile())
    }
}
