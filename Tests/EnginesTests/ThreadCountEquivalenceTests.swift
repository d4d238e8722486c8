import Engines
import Models
import TensorCore
import XCTest
import _TensorTestSupport
import _TestSupport

/// The reference workloads at their real sizes, where kernels and products do split over the thread pool: every
/// CPU engine at 2 and 3 threads trains to the same parameters as eager at 1 thread (split products keep each
/// output's dot product whole; only split sums may reassociate).
final class ThreadCountEquivalenceTests: XCTestCase {
    override func tearDown() {
        Parallelism.setThreadCount(1)
        MatrixProduct.policy = .measured
        super.tearDown()
    }

    struct Workload {
        let name: String
        let make: () throws -> any Layer
        let inputs: Tensor
        let labels: Tensor
    }

    static func workloads() throws -> [Workload] {
        let ids = Tensor(shape: [8, 64], values: (0..<(8 * 64)).map { Float(($0 * 37) % 1000) })
        return [
            Workload(name: "W1 MLP b128", make: { MLP.make(inputs: 784, hidden: [256, 256], outputs: 10, activation: .relu, seed: 1) },
                     inputs: randomTensor([128, 784], seed: 5), labels: Self.labels(128, classes: 10)),
            Workload(name: "W3 CNN b64", make: {
                try CNN.make(inputShape: [1, 28, 28], convolutions: [(8, 3), (16, 3)], pool: 2, classes: 10, seed: 2)
            }, inputs: randomTensor([64, 1, 28, 28], seed: 7), labels: Self.labels(64, classes: 10)),
            Workload(name: "W4 transformer b8", make: {
                try Transformer.make(vocabulary: 1000, sequenceLength: 64, modelWidth: 64, heads: 2, layers: 1,
                                     feedForwardWidth: 256, classes: 2, seed: 3)
            }, inputs: ids, labels: Self.labels(8, classes: 2)),
        ]
    }

    static func labels(_ count: Int, classes: Int) -> Tensor {
        Tensor(shape: [count], values: (0..<count).map { Float(($0 * 7 + 3) % classes) })
    }

    func testEveryEngineAtSeveralThreadsTrainsAsEagerAtOne() throws {
        // Every product the pool can split is split (the measured policy may keep one whole when that is faster;
        // MatrixProductTests cover both).
        MatrixProduct.policy = .alwaysGEMM
        for workload in try Self.workloads() {
            Parallelism.setThreadCount(1)
            let reference = try workload.make()
            let eager = EagerEngine(model: reference, optimizer: SGD(learningRate: 0.05, momentum: 0.9))
            let expectedLosses = try (0..<2).map { _ in try eager.trainStep(inputs: workload.inputs, labels: workload.labels) }
            for threads in [2, 3] {
                Parallelism.setThreadCount(threads)
                MatrixProduct.forgetChoices()
                let engines: [(String, (any Layer) throws -> any Engine)] = [
                    ("eager", { EagerEngine(model: $0, optimizer: SGD(learningRate: 0.05, momentum: 0.9)) }),
                    ("traced", { try GraphEngine(name: "traced", model: $0, optimizer: SGD(learningRate: 0.05, momentum: 0.9),
                                                 passes: FusionOptions.none.passes) }),
                    ("fused", { try GraphEngine(name: "fused", model: $0, optimizer: SGD(learningRate: 0.05, momentum: 0.9),
                                                passes: FusionOptions.all.passes) }),
                ]
                for (name, make) in engines {
                    let model = try workload.make()
                    let engine = try make(model)
                    let losses = try (0..<2).map { _ in try engine.trainStep(inputs: workload.inputs, labels: workload.labels) }
                    engine.synchronizeModelParameters()
                    let label = "\(workload.name), \(name) at \(threads) threads"
                    assertAllClose(losses, expectedLosses, relative: 1e-5, absolute: 1e-6, "\(label): losses")
                    for (expected, actual) in zip(reference.parameters, model.parameters) {
                        assertAllClose(try actual.value.values(), try expected.value.values(), relative: 1e-4, absolute: 1e-6,
                                       "\(label): \(expected.name)")
                    }
                }
            }
        }
    }
}
