import Models
import TensorCore
import XCTest
import _TestSupport

final class CheckpointTests: XCTestCase {
    func testLinearWeightsAreExportedInPyTorchLayout() throws {
        let model = MLP.make(inputs: 3, hidden: [2], outputs: 4, activation: .relu, seed: 1)
        let tensors = try Checkpoint.tensors(of: model)
        XCTAssertEqual(tensors.map(\.name), ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
        XCTAssertEqual(tensors.map(\.shape), [[2, 3], [2], [4, 2], [4]])
        let stored = try model.parameters[0].value.values()  // [inputs 3, outputs 2]
        for output in 0..<2 {
            for input in 0..<3 { XCTAssertEqual(tensors[0].values[output * 3 + input], stored[input * 2 + output]) }
        }
    }

    func testExportedTensorsLoadIntoAFreshModelExactly() throws {
        let trained = MLP.make(inputs: 5, hidden: [7, 3], outputs: 2, activation: .tanh, seed: 1)
        let fresh = MLP.make(inputs: 5, hidden: [7, 3], outputs: 2, activation: .tanh, seed: 2)
        try Checkpoint.load(try Checkpoint.tensors(of: trained), into: fresh, source: "memory")
        for (left, right) in zip(trained.parameters, fresh.parameters) {
            assertAllClose(try right.value.values(), try left.value.values(), relative: 0, absolute: 0)
            XCTAssertEqual(left.value.shape, right.value.shape)
        }
    }

    func testConvolutionWeightsKeepTheirLayoutAndTheClassifierIsTransposed() throws {
        let model = try CNN.make(inputShape: [1, 8, 8], convolutions: [(4, 3)], pool: 2, classes: 3, seed: 1)
        let shapes = Dictionary(uniqueKeysWithValues: try Checkpoint.tensors(of: model).map { ($0.name, $0.shape) })
        XCTAssertEqual(shapes["features.0.conv.weight"], [4, 1, 3, 3])
        XCTAssertEqual(shapes["classifier.weight"], [3, 64])
    }

    func testLinearLayersNestedInBlocksAreFoundAndTransposed() throws {
        let model = try Transformer.make(vocabulary: 10, sequenceLength: 4, modelWidth: 8, heads: 2, layers: 1, feedForwardWidth: 16,
                                         classes: 3, seed: 1)
        let shapes = Dictionary(uniqueKeysWithValues: try Checkpoint.tensors(of: model).map { ($0.name, $0.shape) })
        XCTAssertEqual(shapes["blocks.0.linear1.weight"], [16, 8])
        XCTAssertEqual(shapes["blocks.0.attention.in_proj.weight"], [24, 8])
        XCTAssertEqual(shapes["token_embedding.weight"], [10, 8], "embeddings are not transposed")
        let copy = try Transformer.make(vocabulary: 10, sequenceLength: 4, modelWidth: 8, heads: 2, layers: 1, feedForwardWidth: 16,
                                        classes: 3, seed: 2)
        XCTAssertNoThrow(try Checkpoint.load(try Checkpoint.tensors(of: model), into: copy, source: "memory"))
    }

    func testShapeMismatchNamesTheTensorAndTheExpectedPyTorchShape() throws {
        let model = MLP.make(inputs: 3, hidden: [], outputs: 2, activation: .relu, seed: 1)
        var tensors = try Checkpoint.tensors(of: model)
        tensors[0] = CheckpointTensor(name: "layers.0.weight", shape: [3, 2], values: [Float](repeating: 0, count: 6))
        XCTAssertThrowsError(try Checkpoint.load(tensors, into: model, source: "w.safetensors")) { error in
            XCTAssertEqual("\(error)", "w.safetensors: tensor 'layers.0.weight' has shape [3, 2]; expected [2, 3] (PyTorch layout [outputs, inputs])")
        }
    }

    func testMissingAndUnexpectedTensorsAreRefusedWithoutChangingTheModel() throws {
        let model = MLP.make(inputs: 3, hidden: [], outputs: 2, activation: .relu, seed: 1)
        let before = try model.parameters[0].value.values()
        var tensors = try Checkpoint.tensors(of: model).map { CheckpointTensor(name: $0.name, shape: $0.shape, values: $0.values.map { $0 + 1 }) }
        tensors.removeLast()
        XCTAssertThrowsError(try Checkpoint.load(tensors, into: model, source: "f")) { error in
            XCTAssertEqual(error as? CheckpointError, .missingTensors(source: "f", names: ["layers.0.bias"]))
        }
        tensors.append(CheckpointTensor(name: "layers.0.bias", shape: [2], values: [0, 0]))
        tensors.append(CheckpointTensor(name: "fc.weight", shape: [1], values: [0]))
        XCTAssertThrowsError(try Checkpoint.load(tensors, into: model, source: "f")) { error in
            XCTAssertEqual(error as? CheckpointError, .unexpectedTensors(source: "f", names: ["fc.weight"]))
        }
        XCTAssertEqual(try model.parameters[0].value.values(), before)
    }
}
