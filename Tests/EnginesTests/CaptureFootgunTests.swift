import Engines
import Models
import TensorCore
import XCTest
import _TensorTestSupport

/// Mistakes that silently produce a wrong graph in other tracers must fail loudly or behave correctly here.
final class CaptureFootgunTests: XCTestCase {
    /// A layer whose control flow reads a tensor value, which has no value during capture.
    final class ValueDependentLayer: Layer {
        let inner = MLP.make(inputs: 3, hidden: [], outputs: 2, activation: .relu, seed: 1)
        var parameters: [Parameter] { inner.parameters }
        func callAsFunction(_ input: Tensor) throws -> Tensor {
            if try input.sum().scalarValue() > 0 { return try inner(input) }
            return try inner(input).map(.negate)
        }
    }

    func testBranchingOnATensorValueDuringCaptureIsAClearError() throws {
        let engine = try GraphEngine(name: "traced", model: ValueDependentLayer(), optimizer: SGD(learningRate: 0.1),
                                     passes: [SimplificationPass()])
        XCTAssertThrowsError(try engine.trainStep(inputs: randomTensor([2, 3], seed: 1), labels: Tensor.zeros([2]))) { error in
            XCTAssertTrue("\(error)".contains("control flow must not depend on tensor values"), "\(error)")
        }
    }

    func testInferenceResultsAreNotOverwrittenByTheNextReplay() throws {
        let engine = try GraphEngine(name: "traced", model: MLP.make(inputs: 3, hidden: [4], outputs: 2, activation: .relu, seed: 2),
                                     optimizer: SGD(learningRate: 0.1), passes: [SimplificationPass()])
        let first = try engine.infer(inputs: randomTensor([2, 3], seed: 3))
        let firstValues = try first.values()
        _ = try engine.infer(inputs: randomTensor([2, 3], seed: 4))
        XCTAssertEqual(try first.values(), firstValues)
    }

    func testParametersUpdateAcrossReplaysAndReachTheModelOnSynchronize() throws {
        let model = MLP.make(inputs: 3, hidden: [], outputs: 2, activation: .relu, seed: 5)
        let initial = try model.parameters[0].value.values()
        let engine = try GraphEngine(name: "traced", model: model, optimizer: SGD(learningRate: 0.5),
                                     passes: [SimplificationPass()])
        let inputs = randomTensor([4, 3], seed: 6), labels = Tensor(shape: [4], values: [0, 1, 0, 1])
        let losses = try (0..<5).map { _ in try engine.trainStep(inputs: inputs, labels: labels) }
        XCTAssertLessThan(losses[4], losses[0], "each replay starts from the previous step's parameters")
        XCTAssertEqual(try model.parameters[0].value.values(), initial, "the model object is untouched until synchronised")
        engine.synchronizeModelParameters()
        XCTAssertNotEqual(try model.parameters[0].value.values(), initial)
    }
}
