import Foundation
import XCTest
@testable import ProtocolModel

/// `kind: "bert"`: numbers from a Hugging Face config.json (MiniLM-L6's, in Fixtures/models) or written out, and
/// every problem in the config reported at the protocol's `config` key with the file, line:column and key.
final class BertDecodingTests: XCTestCase {
    private let textDataset = #"[{ "name": "blobs", "kind": "synthetic-text", "vocabulary": 50, "sequenceLength": 8, "classes": 2, "trainSamples": 16, "testSamples": 8 }]"#

    func testMiniLMsConfigGivesItsNumbers() throws {
        let decoded = try ProtocolLoader.decode(String(contentsOf: Fixtures.folder.appendingPathComponent("good/bert.json"), encoding: .utf8),
                                                file: Fixtures.folder.appendingPathComponent("good/bert.json").path)
        guard case let .bert(spec)? = decoded.model(named: "pretrained")?.architecture else { return XCTFail("expected a bert") }
        XCTAssertEqual([spec.hiddenWidth, spec.layers, spec.heads, spec.intermediateWidth, spec.maxPositions, spec.typeVocabulary],
                       [384, 6, 12, 1536, 512, 2])
        XCTAssertEqual(spec.layerNormEpsilon, 1e-12)
        XCTAssertEqual(spec.vocabulary, 30_522)
        XCTAssertEqual(spec.head, .embedding)
        XCTAssertEqual(spec.configFile, Fixtures.folder.appendingPathComponent("models/bert-config.json").path)
        guard case let .bert(small)? = decoded.model(named: "small")?.architecture else { return XCTFail("expected a bert") }
        XCTAssertEqual(small, BertSpec(hiddenWidth: 8, layers: 1, heads: 2, intermediateWidth: 16, maxPositions: 16, head: .classifier))
    }

    func testWrittenNumbersDefaultLikeBERT() throws {
        let text = SampleProtocol.json(datasets: textDataset,
                                       models: #"[{ "name": "mlp-small", "kind": "bert", "hiddenWidth": 8, "layers": 1, "heads": 2, "intermediateWidth": 16 }]"#)
        guard case let .bert(spec)? = try ProtocolLoader.decode(text, file: "test.json").models.first?.architecture else {
            return XCTFail("expected a bert")
        }
        XCTAssertEqual(spec, BertSpec(hiddenWidth: 8, layers: 1, heads: 2, intermediateWidth: 16, maxPositions: 512,
                                      typeVocabulary: 2, layerNormEpsilon: 1e-12, vocabulary: nil, head: .classifier))
    }

    func testAConfigOfAnotherActivationNamesTheFileLineAndKey() throws {
        let folder = NSTemporaryDirectory() + "dlbench-bert-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = try String(contentsOf: Fixtures.folder.appendingPathComponent("models/bert-config.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"hidden_act\": \"gelu\"", with: "\"hidden_act\": \"relu\"")
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/config.json", contents: Data(config.utf8)))
        let text = SampleProtocol.json(datasets: textDataset,
                                       models: #"[{ "name": "mlp-small", "kind": "bert", "config": "config.json" }]"#)
        let error = decodingError(text, file: folder + "/protocol.json")
        XCTAssertEqual(error.issues.count, 1, error.description)
        let issue = try XCTUnwrap(error.issues.first)
        XCTAssertEqual(issue.path, "models[0].config")
        XCTAssertTrue(issue.message.contains(folder + "/config.json"), issue.message)
        XCTAssertTrue(issue.message.contains("hidden_act: expected \"gelu\""), issue.message)
        XCTAssertTrue(issue.message.contains("found the string \"relu\""), issue.message)
    }

    func testAMissingConfigIsReportedAtTheConfigKey() {
        let text = SampleProtocol.json(datasets: textDataset,
                                       models: #"[{ "name": "mlp-small", "kind": "bert", "config": "nowhere/config.json" }]"#)
        assertSingleIssue(text, path: "models[0].config", contains: ["nowhere/config.json", "no such file"])
    }

    func testNumbersBesideAConfigAreRejected() {
        let path = Fixtures.folder.appendingPathComponent("models/bert-config.json").path
        let text = SampleProtocol.json(datasets: textDataset,
                                       models: #"[{ "name": "mlp-small", "kind": "bert", "config": "\#(path)", "layers": 2 }]"#)
        assertSingleIssue(text, path: "models[0].layers", contains: ["cannot be combined with \"config\""])
    }

    func testATrainTaskNeedsAClassifierHead() {
        let text = SampleProtocol.json(
            datasets: textDataset,
            models: #"[{ "name": "mlp-small", "kind": "bert", "hiddenWidth": 8, "layers": 1, "heads": 2, "intermediateWidth": 16, "head": "embedding" }]"#)
        assertSingleIssue(text, path: "tasks[0].model", contains: ["'mlp-small'", "\"head\": \"classifier\""])
    }
}
