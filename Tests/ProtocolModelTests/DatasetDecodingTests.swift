import Foundation
import XCTest
@testable import ProtocolModel

final class DatasetDecodingTests: XCTestCase {
    private func decodedFixture() throws -> BenchmarkProtocol {
        try ProtocolLoader.load(contentsOf: Fixtures.folder.appendingPathComponent("good/datasets.json"))
    }

    private var goodFolder: String { Fixtures.folder.appendingPathComponent("good").path }

    func testEveryDatasetKindDecodesWithItsSettings() throws {
        let datasets = try decodedFixture().datasets
        XCTAssertEqual(datasets.map(\.kind), [.syntheticDigits, .syntheticText, .idx, .csv, .csv, .npy, .syntheticDigits, .text])
        XCTAssertEqual(datasets[0].source, .syntheticDigits(SyntheticDigitsSpec(trainSamples: 100, testSamples: 20, noise: 0.1)))
        XCTAssertEqual(datasets[0].split, DatasetSplit(validation: 0.1))
        XCTAssertEqual(datasets[1].source, .syntheticText(SyntheticTextSpec(trainSamples: 100, testSamples: 20, seed: 5, vocabulary: 40,
                                                                             sequenceLength: 8, classes: 6)))
        XCTAssertEqual(datasets[2].normalization, NormalizationSpec(scale: 0.00392156862745098, mean: [0.1307], standardDeviation: [0.3081]))
        guard case let .files(text) = datasets[7].source else { return XCTFail("expected a text file source") }
        XCTAssertEqual(text.path, goodFolder + "/text/train.tsv")
        XCTAssertEqual(text.tokenizer, goodFolder + "/text/tokenizer.json")
        XCTAssertEqual(text.sequenceLength, 16)
        XCTAssertEqual(datasets[7].split.test, 0.25)
    }

    func testATextDatasetNeedsATokenizerAndATestSplitAndTakesNoShape() {
        func text(_ extra: String) -> String {
            SampleProtocol.json(datasets: #"[{ "name": "blobs", "kind": "text", "path": "a.tsv", "classes": 2"# + extra + " }]")
        }
        assertSingleIssue(text(#", "testPath": "b.tsv""#), path: "datasets[0]", contains: ["tokenizer"])
        assertSingleIssue(text(#", "tokenizer": "t.json""#), path: "datasets[0]", contains: ["expected 'testPath'", "or 'split.test'"])
        assertSingleIssue(text(#", "tokenizer": "t.json", "testPath": "b.tsv", "shape": [4]"#), path: "datasets[0].shape",
                          contains: ["shape"])
        assertSingleIssue(text(#", "tokenizer": "t.json", "testPath": "b.tsv", "sequenceLength": 1"#),
                          path: "datasets[0].sequenceLength", contains: ["between 2 and 8192"])
    }

    func testRelativePathsResolveAgainstTheProtocolDirectory() throws {
        let datasets = try decodedFixture().datasets
        let dataFolder = Fixtures.folder.appendingPathComponent("data").path
        guard case let .files(idx) = datasets[2].source, case let .files(csv) = datasets[3].source,
              case let .files(pair) = datasets[4].source, case let .files(npy) = datasets[5].source else {
            return XCTFail("expected file sources")
        }
        XCTAssertEqual(idx.path, dataFolder + "/mnist")
        XCTAssertEqual(idx.shape, [1, 28, 28])
        XCTAssertEqual(idx.checksums, [dataFolder + "/mnist/train-images-idx3-ubyte.gz":
                                        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"])
        XCTAssertEqual(csv.path, goodFolder + "/iris.csv")
        XCTAssertEqual(csv.labelColumn, .named("species"))
        XCTAssertEqual(csv.header, true)
        XCTAssertEqual(datasets[3].split.test, 0.2)
        XCTAssertEqual(pair.testPath, goodFolder + "/iris-test.csv")
        XCTAssertEqual(pair.labelColumn, .index(0))
        XCTAssertEqual(npy.path, "/data/keras-mnist")
    }

    func testModelInitAndExportWeightsResolveAgainstTheProtocolDirectory() throws {
        let decoded = try decodedFixture()
        XCTAssertEqual(decoded.models.first?.initialWeights, goodFolder + "/weights/start.safetensors")
        guard case let .train(train)? = decoded.tasks.first?.workload else { return XCTFail("expected a train task") }
        XCTAssertEqual(train.exportWeights, Fixtures.folder.appendingPathComponent("results").path + "/trained.safetensors")
    }

    func testManifestSuppliesTheEntryWithItsPathsAndTheProtocolsName() throws {
        let entry = try XCTUnwrap(try decodedFixture().dataset(named: "from-manifest"))
        XCTAssertEqual(entry.source, .syntheticDigits(SyntheticDigitsSpec(trainSamples: 64, testSamples: 16, seed: 3)))
        XCTAssertEqual(entry.split.validation, 0.25)
        XCTAssertEqual(entry.normalization, NormalizationSpec(mean: [0.1], standardDeviation: [0.3]))
        XCTAssertEqual(entry.manifest, Fixtures.folder.appendingPathComponent("manifests/digits.json").path)
    }

    func testMissingManifestIsReportedAtTheManifestKeyNamingTheFile() {
        let text = SampleProtocol.json(datasets: #"[{ "name": "blobs", "manifest": "nowhere/mnist.json" }]"#)
        assertSingleIssue(text, path: "datasets[0].manifest", contains: ["nowhere/mnist.json", "no such file"])
    }

    func testProblemInsideAManifestNamesTheManifestLineAndPath() throws {
        let folder = NSTemporaryDirectory() + "dlbench-manifest-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = "{\n  \"name\": \"m\", \"kind\": \"idx\",\n  \"path\": \"mnist\", \"classes\": 1\n}\n"
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/m.json", contents: Data(manifest.utf8)))
        let text = SampleProtocol.json(datasets: #"[{ "name": "blobs", "manifest": "m.json" }]"#)
        let error = decodingError(text, file: folder + "/protocol.json")
        XCTAssertEqual(error.issues.count, 1, error.description)
        let message = error.issues.first?.message ?? ""
        XCTAssertEqual(error.issues.first?.path, "datasets[0].manifest")
        XCTAssertTrue(message.contains(folder + "/m.json"), message)
        XCTAssertTrue(message.contains("3:31: classes: expected an integer between 2 and 10000, found 1"), message)
    }

    func testCSVNeedsATestFileOrATestFraction() {
        assertSingleIssue(SampleProtocol.json(datasets: #"[{ "name": "blobs", "kind": "csv", "path": "x.csv", "classes": 2 }]"#),
                          path: "datasets[0]", contains: ["expected 'testPath'", "or 'split.test'"])
    }

    func testTestFractionIsRejectedWhereTheDataHasATestSplit() {
        assertSingleIssue(
            SampleProtocol.json(datasets: #"[{ "name": "blobs", "kind": "synthetic-digits", "trainSamples": 4, "testSamples": 2, "split": { "test": 0.5 } }]"#),
            path: "datasets[0].split.test", contains: ["unexpected 'split.test'"])
    }

    func testKeysOfAnotherKindAreUnknown() {
        assertSingleIssue(SampleProtocol.json(datasets: #"[{ "name": "blobs", "kind": "npy", "path": "p", "classes": 2, "noise": 1 }]"#),
                          path: "datasets[0].noise", contains: ["unknown key \"noise\""])
    }

    func testSyntheticTextNeedsAnEvenClassCount() {
        assertSingleIssue(
            SampleProtocol.json(datasets: #"[{ "name": "blobs", "kind": "synthetic-text", "trainSamples": 4, "testSamples": 2, "classes": 5 }]"#),
            path: "datasets[0].classes", contains: ["expected an even number of classes", "found 5"])
    }

    func testChecksumMustBeSixtyFourHexDigits() {
        assertSingleIssue(
            SampleProtocol.json(datasets: #"[{ "name": "blobs", "kind": "idx", "path": "p", "classes": 2, "sha256": { "a": "abc" } }]"#),
            path: "datasets[0].sha256.a", contains: ["expected a SHA-256 digest (64 hexadecimal digits)", "\"abc\""])
    }

    func testNormalizationDeviationMustBePositive() {
        assertSingleIssue(
            SampleProtocol.json(datasets: #"[{ "name": "blobs", "kind": "synthetic-digits", "trainSamples": 4, "testSamples": 2, "normalization": { "std": [1, 0] } }]"#),
            path: "datasets[0].normalization.std[1]", contains: ["expected a number > 0, found 0"])
    }

    func testPathResolutionRemovesDotComponents() {
        XCTAssertEqual(DecodingContext.join("Protocols", "../Datasets/./mnist"), "Datasets/mnist")
        XCTAssertEqual(DecodingContext.join(".", "x.csv"), "x.csv")
        XCTAssertEqual(DecodingContext.join("/a/b", "../../../c"), "/c")
        XCTAssertEqual(DecodingContext.join("a", "../../c"), "../c")
        XCTAssertEqual(DecodingContext.directory(of: "p.json"), ".")
    }
}
