import Models
import TensorCore
import XCTest

/// A Hugging Face BERT state dict loads into `Bert` by name: `bert.` prefixes dropped, the pooler and MLM head
/// ignored, a missing classifier kept as seeded, and a shape that does not fit the config is an error naming the
/// tensor and both shapes.
final class BertCheckpointTests: XCTestCase {
    private func small(intermediate: Int = 16, classes: Int? = 3, seed: UInt64) throws -> Bert {
        try Bert(.init(vocabulary: 13, hiddenWidth: 8, layers: 2, heads: 2, intermediateWidth: intermediate, maxPositions: 7,
                       classes: classes), seed: seed)
    }

    func testParametersCarryHuggingFaceNames() throws {
        let names = try small(seed: 1).parameters.map(\.name)
        XCTAssertEqual(Array(names.prefix(5)), ["embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
                                                "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight",
                                                "embeddings.LayerNorm.bias"])
        XCTAssertTrue(names.contains("encoder.layer.1.attention.self.query.weight"))
        XCTAssertTrue(names.contains("encoder.layer.0.attention.output.LayerNorm.bias"))
        XCTAssertTrue(names.contains("encoder.layer.1.intermediate.dense.weight"))
        XCTAssertTrue(names.contains("encoder.layer.1.output.dense.bias"))
        XCTAssertEqual(Array(names.suffix(2)), ["classifier.weight", "classifier.bias"])
        XCTAssertEqual(names.count, 5 + 2 * 16 + 2)
    }

    func testAForSequenceClassificationFileLoadsWithoutItsPoolerAndKeepsTheSeededHead() throws {
        let source = try small(classes: nil, seed: 1)
        var tensors = try Checkpoint.tensors(of: source).map { tensor -> CheckpointTensor in
            var tensor = tensor
            tensor.name = "bert." + tensor.name
            return tensor
        }
        tensors.append(CheckpointTensor(name: "bert.pooler.dense.weight", shape: [8, 8], values: Array(repeating: 1, count: 64)))
        tensors.append(CheckpointTensor(name: "cls.predictions.bias", shape: [13], values: Array(repeating: 0, count: 13)))
        XCTAssertTrue(source.ignoresTensor(named: "embeddings.position_ids"))
        let target = try small(seed: 2)
        let seededHead = try XCTUnwrap(target.classifier).weight.value.values()
        try Checkpoint.load(try target.adapted(tensors), into: target, source: "hf.safetensors")
        for (loaded, original) in zip(target.parameters, source.parameters) {
            XCTAssertEqual(loaded.name, original.name)
            XCTAssertEqual(try loaded.value.values(), try original.value.values(), loaded.name)
        }
        XCTAssertEqual(try XCTUnwrap(target.classifier).weight.value.values(), seededHead, "the head stays as seeded")
    }

    func testAShapeThatDoesNotFitTheConfigNamesTheTensor() throws {
        let tensors = try Checkpoint.tensors(of: try small(intermediate: 12, classes: nil, seed: 1))
        let target = try small(intermediate: 16, classes: nil, seed: 2)
        XCTAssertThrowsError(try Checkpoint.load(try target.adapted(tensors), into: target, source: "model.safetensors")) { error in
            XCTAssertEqual("\(error)", "model.safetensors: tensor 'encoder.layer.0.intermediate.dense.weight' has shape [12, 8]; expected [16, 8] (PyTorch layout [outputs, inputs])")
        }
    }

    func testPaddingChangesNothingButThePaddedPositions() throws {
        // [CLS]-like 5, 6, 7 then padding: the embedding of a padded row equals that of the same tokens unpadded.
        let model = try small(classes: nil, seed: 4)
        let padded = try ExecutionContext.withTraining(false) {
            try model(Tensor(shape: [1, 6], values: [5, 6, 7, 0, 0, 0])).values()
        }
        let unpadded = try ExecutionContext.withTraining(false) { try model(Tensor(shape: [1, 3], values: [5, 6, 7])).values() }
        for (a, b) in zip(padded, unpadded) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }
}
