import Engines
import Models
import TensorCore
import XCTest

/// Each model family learns a small synthetic task with the eager engine: loss falls clearly and held-out
/// accuracy is well above chance.
final class TrainingTests: XCTestCase {
    /// Trains for `steps` on batches cycled from `data`; returns (mean loss of the first 3 steps, of the last 3).
    private func train(_ engine: EagerEngine, data: (inputs: Tensor, labels: Tensor), batch: Int, steps: Int) throws -> (Float, Float) {
        let count = data.inputs.shape[0]
        var losses: [Float] = []
        for step in 0..<steps {
            let start = (step * batch) % count
            let inputs = try data.inputs.slice(axis: 0, range: start..<(start + batch))
            let labels = try data.labels.slice(axis: 0, range: start..<(start + batch))
            let loss = try engine.trainStep(inputs: inputs, labels: labels)
            XCTAssertTrue(loss.isFinite, "step \(step) loss \(loss)")
            losses.append(loss)
        }
        return (losses.prefix(3).reduce(0, +) / 3, losses.suffix(3).reduce(0, +) / 3)
    }

    func testCNNLearnsWhichQuadrantIsBright() throws {
        let model = try CNN.make(inputShape: [1, 8, 8], convolutions: [(4, 3), (8, 3)], pool: 2, classes: 4, seed: 1)
        let engine = EagerEngine(model: model, optimizer: SGD(learningRate: 0.05, momentum: 0.9))
        let (first, last) = try train(engine, data: SyntheticData.quadrants(count: 256, seed: 2), batch: 32, steps: 40)
        XCTAssertLessThan(last, first * 0.5, "loss \(first) → \(last)")
        let test = SyntheticData.quadrants(count: 128, seed: 3)
        let accuracy = try SyntheticData.accuracy(engine.infer(inputs: test.inputs), test.labels)
        XCTAssertGreaterThan(accuracy, 0.8, "chance is 0.25")
    }

    func testTransformerLearnsWhetherToken3PrecedesToken5() throws {
        let model = try Transformer.make(vocabulary: 10, sequenceLength: 8, modelWidth: 16, heads: 2, layers: 1,
                                         feedForwardWidth: 32, classes: 2, seed: 4)
        let engine = EagerEngine(model: model, optimizer: Adam(learningRate: 1e-2))
        let (first, last) = try train(engine, data: SyntheticData.order(count: 512, seed: 5), batch: 32, steps: 60)
        XCTAssertLessThan(last, first * 0.6, "loss \(first) → \(last)")
        let test = SyntheticData.order(count: 256, seed: 6)
        let accuracy = try SyntheticData.accuracy(engine.infer(inputs: test.inputs), test.labels)
        XCTAssertGreaterThan(accuracy, 0.75, "chance is 0.5")
    }

    func testLSTMLearnsWhetherToken3PrecedesToken5() throws {
        let model = try LSTMClassifier.make(vocabulary: 10, embeddingWidth: 8, hiddenWidth: 16, classes: 2, seed: 7)
        let engine = EagerEngine(model: model, optimizer: Adam(learningRate: 2e-2))
        let (first, last) = try train(engine, data: SyntheticData.order(count: 512, seed: 8), batch: 32, steps: 60)
        XCTAssertLessThan(last, first * 0.6, "loss \(first) → \(last)")
        let test = SyntheticData.order(count: 256, seed: 9)
        let accuracy = try SyntheticData.accuracy(engine.infer(inputs: test.inputs), test.labels)
        XCTAssertGreaterThan(accuracy, 0.75, "chance is 0.5")
    }

    /// After a step the pool holds exactly the parameters and the optimizer state (plus the data the test holds):
    /// every activation, gradient and temporary went back.
    func testTrainingStepLeavesOnlyParametersAndOptimizerStateAlive() throws {
        let sequences = SyntheticData.order(count: 16, seed: 10)
        let images = SyntheticData.quadrants(count: 16, seed: 11)
        let cases: [(String, () throws -> (any Layer, any Optimizer), (inputs: Tensor, labels: Tensor))] = [
            ("transformer+adam", {
                (try Transformer.make(vocabulary: 10, sequenceLength: 8, modelWidth: 8, heads: 2, layers: 2,
                                      feedForwardWidth: 16, classes: 2, dropout: 0.1, seed: 12), Adam(learningRate: 1e-3))
            }, sequences),
            ("cnn+sgd-momentum", {
                (try CNN.make(inputShape: [1, 8, 8], convolutions: [(4, 3)], classes: 4, seed: 13),
                 SGD(learningRate: 0.01, momentum: 0.9))
            }, images),
            ("lstm+adam", {
                (try LSTMClassifier.make(vocabulary: 10, embeddingWidth: 4, hiddenWidth: 4, classes: 2, seed: 14),
                 Adam(learningRate: 1e-3))
            }, sequences),
        ]
        for (name, make, data) in cases {
            let baseline = BufferPool.shared.snapshot.liveBuffers
            let (model, optimizer) = try make()
            let engine = EagerEngine(model: model, optimizer: optimizer)
            for _ in 0..<2 { _ = try engine.trainStep(inputs: data.inputs, labels: data.labels) }
            let live = BufferPool.shared.snapshot.liveBuffers - baseline
            XCTAssertEqual(live, model.parameters.count + optimizer.stateTensors.count, name)
            XCTAssertGreaterThan(optimizer.stateTensors.count, 0, name)
        }
    }
}
