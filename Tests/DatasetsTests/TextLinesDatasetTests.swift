@testable import Datasets
import Foundation
import XCTest

/// `kind: "text"` files: one `LABEL<TAB>sentence` per line, tokenized to fixed-length ids; every bad line is an
/// error naming the file and line.
final class TextLinesDatasetTests: XCTestCase {
    private let tokenizer = WordPieceTokenizer(vocabulary: [
        "[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "good": 4, "bad": 5, "film": 6, "!": 7,
    ])
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dlbench-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    private func file(_ text: String) throws -> String {
        let url = folder.appendingPathComponent("lines.tsv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func testLinesBecomeFixedLengthIdsWithTheirLabelsSkippingCommentsAndBlankLines() throws {
        let split = try TextLinesDataset.load(
            path: try file("# label\tsentence\n1\tGood film!\r\n\n0\tBad, BAD film\n"), tokenizer: tokenizer,
            sequenceLength: 5, classes: 2)
        XCTAssertEqual(split.exampleShape, [5])
        XCTAssertEqual(split.labels, [1, 0])
        XCTAssertEqual(split.features, [2, 4, 6, 7, 3, /* "," is unknown */ 2, 5, 1, 5, 3])
    }

    func testEveryBadLineNamesItsLine() throws {
        let cases: [(String, String)] = [
            ("1\tgood\nno tab here\n", ":2: expected LABEL<TAB>sentence, found no tab in 'no tab here'"),
            ("x\tgood\n", ":1: expected a class number before the tab, found 'x'"),
            ("1\tgood\n2\tbad\n", "line 2"),
            ("# only a comment\n", "expected at least one LABEL<TAB>sentence line"),
        ]
        for (text, expected) in cases {
            let path = try file(text)
            XCTAssertThrowsError(try TextLinesDataset.load(path: path, tokenizer: tokenizer, sequenceLength: 4, classes: 2)) {
                XCTAssertTrue("\($0)".contains(expected), "\($0)")
                XCTAssertTrue("\($0)".hasPrefix(path), "\($0)")
            }
        }
    }

    func testBytesThatAreNotUTF8AreAnErrorAtTheirOffset() throws {
        let url = folder.appendingPathComponent("latin1.tsv")
        try Data([0x31, 0x09, 0x63, 0x61, 0x66, 0xE9, 0x0A]).write(to: url)
        XCTAssertThrowsError(try TextLinesDataset.load(path: url.path, tokenizer: tokenizer, sequenceLength: 4, classes: 2)) {
            XCTAssertEqual($0 as? DatasetError, .badFormat(file: url.path, offset: 5, expected: "UTF-8 text",
                                                          found: "bytes that are not UTF-8"))
        }
    }
}
