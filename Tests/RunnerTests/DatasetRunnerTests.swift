import Datasets
import Foundation
import Measurement
import ProtocolModel
import ResultStore
import Runner
import XCTest

/// Protocols that name IDX directories, CSV files and synthetic sets interchangeably, train, export and
/// re-import weights; the data files are written by the test next to the protocol file.
final class DatasetRunnerTests: RunnerTestCase {
    var folder: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        folder = NSTemporaryDirectory() + "dlbench-runner-data-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/mnist", withIntermediateDirectories: true)
        writeData()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
        try super.tearDownWithError()
    }

    private func write(_ bytes: [UInt8], _ name: String) {
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes)))
    }

    /// 3 classes of 2×2 images whose brightness is the class; CSV rows whose first feature is the class.
    private func writeData() {
        func idx(_ type: UInt8, _ dimensions: [Int], _ data: [UInt8]) -> [UInt8] {
            [0, 0, type, UInt8(dimensions.count)] + dimensions.flatMap { [0, 0, UInt8($0 >> 8), UInt8($0 & 0xFF)] } + data
        }
        let trainLabels = (0..<60).map { UInt8($0 % 3) }
        write(idx(8, [60, 2, 2], trainLabels.flatMap { [UInt8]( repeating: $0 * 100 + 10, count: 4) }), "mnist/train-images-idx3-ubyte")
        write(idx(8, [60], trainLabels), "mnist/train-labels-idx1-ubyte")
        let testLabels = (0..<12).map { UInt8(($0 + 1) % 3) }
        write(idx(8, [12, 2, 2], testLabels.flatMap { [UInt8](repeating: $0 * 100 + 20, count: 4) }), "mnist/t10k-images-idx3-ubyte")
        write(idx(8, [12], testLabels), "mnist/t10k-labels-idx1-ubyte")
        let rows = (0..<80).map { "\(Double($0 % 3) * 2 - 2),\(Double($0 % 7) / 7),\($0 % 3)" }
        write(Array(("a,b,label\n" + rows.joined(separator: "\n") + "\n").utf8), "table.csv")
    }

    private func protocolText(datasets: String, tasks: String, modelInit: String = "", metrics: String = "") -> String {
        """
        {
          "name": "datasets",
          "machines": [{ "name": "cpu" }],
          "datasets": [\(datasets)],
          "models": [{ "name": "mlp", "kind": "mlp", "hidden": [8]\(modelInit) }],
          "engines": [{ "name": "eager", "kind": "eager" }],
          "tasks": [\(tasks)],
          \(metrics)
          "repetition": { "warmupSteps": 1, "trials": 1 }
        }
        """
    }

    private func trainTask(_ dataset: String, lr: Double = 0.05, steps: Int = 60, export: Bool = true) -> String {
        #"{ "name": "train-\#(dataset)", "kind": "train", "model": "mlp", "dataset": "\#(dataset)", "batchSize": 10, "steps": \#(steps), "#
            + #""optimizer": { "kind": "sgd", "lr": \#(lr), "momentum": 0.9 }"#
            + (export ? #", "exportWeights": "weights/\#(dataset).safetensors" }"# : " }")
    }

    /// Writes the protocol next to the data (so relative paths resolve there) and runs it.
    private func runFile(_ text: String) throws -> BenchmarkRunner.Outcome {
        let path = folder + "/protocol.json"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        let benchmark = try ProtocolLoader.load(path: path)
        return try BenchmarkRunner(store: store).run(benchmark, protocolPath: path, protocolText: text)
    }

    private func series(_ runID: Int64, task: String, metric: String) throws -> [Double] {
        try store.caseResults(runID: runID).first { $0.task == task }?.series.first { $0.metric == metric }?.values ?? []
    }

    func testIDXDirectoryCSVFileAndSyntheticSetsTrainInterchangeablyAndExportWeights() throws {
        let datasets = """
        { "name": "idx", "kind": "idx", "path": "mnist", "classes": 3, "normalization": { "scale": 0.01 } },
        { "name": "csv", "kind": "csv", "path": "table.csv", "classes": 3, "labelColumn": "label", "split": { "test": 0.25, "validation": 0.1 } },
        { "name": "digits", "kind": "synthetic-digits", "trainSamples": 40, "testSamples": 10 },
        { "name": "text", "kind": "synthetic-text", "trainSamples": 40, "testSamples": 10, "sequenceLength": 6 }
        """
        let names = ["idx", "csv", "digits", "text"]
        let outcome = try runFile(protocolText(datasets: datasets, tasks: names.map { trainTask($0) }.joined(separator: ", ")))
        XCTAssertEqual(outcome.status, .completed)
        let cases = try store.caseResults(runID: outcome.runID)
        XCTAssertEqual(cases.map(\.status), [.succeeded, .succeeded, .succeeded, .succeeded], cases.map { $0.message ?? "" }.description)
        let inputs = ["idx": 4, "csv": 2, "digits": 784, "text": 6]
        for name in names {
            let file = try SafeTensorsFile.read(folder + "/weights/\(name).safetensors")
            XCTAssertEqual(file.tensors.map(\.name), ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
            XCTAssertEqual(file.tensors.first?.shape, [8, inputs[name] ?? 0], "PyTorch layout [outputs, inputs]")
            XCTAssertEqual(file.metadata["dlbench.task"], "train-\(name)")
            XCTAssertEqual(try series(outcome.runID, task: "train-\(name)", metric: "data_load_time").count, 1)
        }
        XCTAssertGreaterThan(try series(outcome.runID, task: "train-idx", metric: "test_accuracy").first ?? 0, 0.9,
                             "brightness separates the classes")
    }

    func testATextFileTokenizedByATokenizerJSONTrains() throws {
        let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "film", "was", "good", "bad", "very", "!"]
        let tokenizer = #"{ "model": { "type": "WordPiece", "vocab": {"# +
            vocabulary.enumerated().map { "\"\($1)\": \($0)" }.joined(separator: ", ") + "} } }"
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/tokenizer.json", contents: Data(tokenizer.utf8)))
        let lines = (0..<48).map { index in
            index % 2 == 0 ? "1\tThe film was \(index % 4 == 0 ? "very " : "")good!" : "0\tThe film was bad"
        }.joined(separator: "\n")
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/reviews.tsv", contents: Data(lines.utf8)))
        let datasets = """
        { "name": "text", "kind": "text", "path": "reviews.tsv", "classes": 2, "tokenizer": "tokenizer.json",
          "sequenceLength": 8, "split": { "test": 0.25 } }
        """
        let outcome = try runFile(protocolText(datasets: datasets, tasks: trainTask("text")))
        let cases = try store.caseResults(runID: outcome.runID)
        XCTAssertEqual(cases.map(\.status), [.succeeded], cases.map { $0.message ?? "" }.description)
        XCTAssertGreaterThan(try series(outcome.runID, task: "train-text", metric: "test_accuracy").first ?? 0, 0.9,
                             "'good' and 'bad' sit at the same position: the classes separate")
    }

    func testExportedWeightsLoadedAsInitReproduceTheTrainedAccuracy() throws {
        let dataset = #"{ "name": "csv", "kind": "csv", "path": "table.csv", "classes": 3, "split": { "test": 0.25 } }"#
        let first = try runFile(protocolText(datasets: dataset, tasks: trainTask("csv", lr: 0.1, steps: 80)))
        let trained = try XCTUnwrap(try series(first.runID, task: "train-csv", metric: "test_accuracy").first)
        XCTAssertGreaterThan(trained, 0.6)
        let second = try runFile(protocolText(datasets: dataset, tasks: trainTask("csv", lr: 1e-9, steps: 1, export: false),
                                              modelInit: #", "init": "weights/csv.safetensors""#))
        XCTAssertEqual(try series(second.runID, task: "train-csv", metric: "test_accuracy").first, trained)
    }

    func testChecksumsAreVerifiedBeforeTheDataIsUsed() throws {
        let tableDigest = SHA256Hex.digest(of: try Data(contentsOf: URL(fileURLWithPath: folder + "/table.csv")))
        let wrongDigest = String(repeating: "0", count: 64)
        let datasets = """
        { "name": "good", "kind": "csv", "path": "table.csv", "classes": 3, "split": { "test": 0.25 }, "sha256": { "table.csv": "\(tableDigest)" } },
        { "name": "bad", "kind": "idx", "path": "mnist", "classes": 3, "sha256": { "t10k-labels-idx1-ubyte": "\(wrongDigest)" } }
        """
        let outcome = try runFile(protocolText(datasets: datasets, tasks: trainTask("good", export: false) + ", " + trainTask("bad", export: false)))
        let cases = try store.caseResults(runID: outcome.runID)
        XCTAssertEqual(cases.first { $0.task == "train-good" }?.status, .succeeded)
        let bad = try XCTUnwrap(cases.first { $0.task == "train-bad" })
        XCTAssertEqual(bad.status, .failed)
        XCTAssertTrue(bad.message?.contains("mnist/t10k-labels-idx1-ubyte: SHA-256 mismatch: expected \(wrongDigest)") ?? false,
                      bad.message ?? "")
    }

    func testCorruptFileFailsItsCaseWithTheFileAndOffsetAndTheRunGoesOn() throws {
        write([0, 0, 8, 1, 0, 0, 0, 60, 1, 2], "mnist/train-labels-idx1-ubyte")
        let datasets = """
        { "name": "idx", "kind": "idx", "path": "mnist", "classes": 3 },
        { "name": "digits", "kind": "synthetic-digits", "trainSamples": 20, "testSamples": 5 }
        """
        let outcome = try runFile(protocolText(datasets: datasets, tasks: trainTask("idx", export: false) + ", " + trainTask("digits", export: false)))
        XCTAssertEqual(outcome.status, .completed)
        let cases = try store.caseResults(runID: outcome.runID)
        let broken = try XCTUnwrap(cases.first { $0.task == "train-idx" })
        XCTAssertEqual(broken.status, .failed)
        XCTAssertTrue(broken.message?.contains("train-labels-idx1-ubyte: truncated at byte 8") ?? false, broken.message ?? "")
        XCTAssertEqual(cases.first { $0.task == "train-digits" }?.status, .succeeded)
    }

    func testManifestPathsResolveAgainstTheManifestDirectory() throws {
        try FileManager.default.createDirectory(atPath: folder + "/manifests", withIntermediateDirectories: true)
        write(Array(#"{ "name": "table", "kind": "csv", "path": "../table.csv", "classes": 3, "split": { "test": 0.5 } }"#.utf8),
              "manifests/table.json")
        let outcome = try runFile(protocolText(datasets: #"{ "name": "csv", "manifest": "manifests/table.json" }"#,
                                               tasks: trainTask("csv", export: false)))
        XCTAssertEqual(try store.caseResults(runID: outcome.runID).first?.status, .succeeded)
    }
}
