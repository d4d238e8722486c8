import Foundation
import XCTest
@testable import ProtocolModel

final class GoodProtocolDecodingTests: XCTestCase {
    func testFullProtocolDecodesToExpectedValues() throws {
        let decoded = try ProtocolLoader.load(contentsOf: Fixtures.folder.appendingPathComponent("good/full.json"))
        XCTAssertEqual(decoded.name, "full-example")
        XCTAssertEqual(decoded.description, "Every key, mostly non-default values.")
        XCTAssertEqual(decoded.seed, 7)
        XCTAssertEqual(decoded.machines, [
            MachineSpec(name: "one-thread", threads: 1, device: .cpu),
            MachineSpec(name: "four-threads", threads: 4, device: .any),
        ])
        XCTAssertEqual(decoded.datasets, [
            DatasetSpec(name: "blobs", source: .gaussianClusters(GaussianClustersSpec(
                features: 32, classes: 4, trainSamples: 4096, testSamples: 1024, seed: 11, noise: 0.5))),
        ])
        XCTAssertEqual(decoded.models, [
            ModelSpec(name: "mlp-small", architecture: .mlp(MLPSpec(hidden: [64, 64], activation: .gelu))),
            ModelSpec(name: "linear", architecture: .mlp(MLPSpec(hidden: [], activation: .relu))),
        ])
        XCTAssertEqual(decoded.engines, [EngineSpec(name: "eager", kind: .eager)])
        XCTAssertEqual(decoded.tasks, [
            TaskSpec(name: "train-small", model: "mlp-small", dataset: "blobs", workload: .train(TrainSpec(
                batchSize: 64, length: .steps(200),
                optimizer: OptimizerSpec(kind: .sgd, learningRate: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.0001))),
                     engines: ["eager"], machines: ["four-threads"]),
            TaskSpec(name: "train-linear", model: "linear", dataset: "blobs", workload: .train(TrainSpec(
                batchSize: 128, length: .epochs(2),
                optimizer: OptimizerSpec(kind: .adamw, learningRate: 1e-3, weightDecay: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-6)))),
            TaskSpec(name: "infer-small", model: "mlp-small", dataset: "blobs",
                     workload: .infer(InferSpec(batchSizes: [1, 8, 64], iterations: 50))),
        ])
        XCTAssertEqual(decoded.metrics, [.stepTime, .latency, .finalLoss])
        XCTAssertEqual(decoded.repetition, RepetitionPolicy(warmupSteps: 5, trials: 10))
    }

    func testAbsentOptionalKeysTakeTheirDefaults() throws {
        let decoded = try ProtocolLoader.load(contentsOf: Fixtures.folder.appendingPathComponent("good/minimal.json"))
        XCTAssertNil(decoded.description)
        XCTAssertEqual(decoded.seed, 42)
        XCTAssertEqual(decoded.machines, [MachineSpec(name: "default", threads: 1, device: .cpu)])
        guard case .gaussianClusters(let clusters)? = decoded.datasets.first?.source else {
            return XCTFail("expected gaussian clusters")
        }
        XCTAssertEqual(clusters.noise, 1.0)
        XCTAssertNil(clusters.seed)
        XCTAssertEqual(decoded.datasets.first?.split, DatasetSplit(validation: 0, test: nil))
        XCTAssertNil(decoded.datasets.first?.normalization)
        XCTAssertEqual(decoded.models.first?.architecture, .mlp(MLPSpec(hidden: [8], activation: .relu)))
        guard case .train(let train)? = decoded.tasks.first?.workload else {
            return XCTFail("expected a train task")
        }
        XCTAssertEqual(train.optimizer, OptimizerSpec(
            kind: .adam, learningRate: 0.001, momentum: 0, nesterov: false, weightDecay: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
        XCTAssertNil(decoded.tasks.first?.engines)
        XCTAssertNil(decoded.tasks.first?.machines)
        XCTAssertEqual(decoded.metrics, Metric.allCases)
        XCTAssertEqual(decoded.repetition, RepetitionPolicy.adaptive())
    }

    func testInferTaskDefaultsToOneHundredIterations() throws {
        let text = SampleProtocol.withTask(#""kind": "infer", "model": "mlp-small", "dataset": "blobs", "batchSizes": [4, 1]"#)
        let decoded = try ProtocolLoader.decode(text, file: "infer.json")
        XCTAssertEqual(decoded.tasks.first?.workload, .infer(InferSpec(batchSizes: [4, 1], iterations: 100)))
    }

    func testBoundaryValuesAndLargestSeedAreAccepted() throws {
        let decoded = try ProtocolLoader.load(contentsOf: Fixtures.folder.appendingPathComponent("good/infer-only.json"))
        XCTAssertEqual(decoded.seed, UInt64.max)
        XCTAssertEqual(decoded.machines.first?.threads, 256)
        guard case .gaussianClusters(let clusters)? = decoded.datasets.first?.source else {
            return XCTFail("expected gaussian clusters")
        }
        XCTAssertEqual(clusters.features, 100_000)
        XCTAssertEqual(decoded.repetition.trials, 1000)
    }

    func testIntegralNumberWithExponentIsAnInteger() throws {
        let text = SampleProtocol.withTask(
            #""kind": "train", "model": "mlp-small", "dataset": "blobs", "batchSize": 1e1, "steps": 2.0, "optimizer": { "kind": "sgd", "lr": 1 }"#)
        let decoded = try ProtocolLoader.decode(text, file: "exponent.json")
        XCTAssertEqual(decoded.tasks.first?.workload, .train(TrainSpec(
            batchSize: 10, length: .steps(2), optimizer: OptimizerSpec(kind: .sgd, learningRate: 1))))
    }

    func testSchemaKeyIsAcceptedAndIgnored() throws {
        let decoded = try ProtocolLoader.decode(SampleProtocol.json(extra: #""$schema": "./protocol.schema.json""#), file: "s.json")
        XCTAssertEqual(decoded.name, "sample")
    }

    func testLookupsFindEntriesByName() throws {
        let decoded = try ProtocolLoader.load(contentsOf: Fixtures.folder.appendingPathComponent("good/full.json"))
        XCTAssertEqual(decoded.dataset(named: "blobs")?.kind, .gaussianClusters)
        XCTAssertEqual(decoded.model(named: "linear")?.architecture.kind, .mlp)
        XCTAssertEqual(decoded.engine(named: "eager")?.kind, .eager)
        XCTAssertEqual(decoded.machine(named: "four-threads")?.threads, 4)
        XCTAssertNil(decoded.model(named: "missing"))
        let trainSmall = try XCTUnwrap(decoded.task(named: "train-small"))
        XCTAssertEqual(decoded.machines(for: trainSmall).map(\.name), ["four-threads"])
        let trainLinear = try XCTUnwrap(decoded.task(named: "train-linear"))
        XCTAssertEqual(decoded.machines(for: trainLinear).map(\.name), ["one-thread", "four-threads"])
        XCTAssertEqual(decoded.engines(for: trainLinear).map(\.name), ["eager"])
        let infer = try XCTUnwrap(decoded.task(named: "infer-small"))
        XCTAssertEqual(decoded.metrics(for: infer), [.latency])
        XCTAssertEqual(decoded.metrics(for: trainSmall), [.stepTime, .finalLoss])
    }
}
