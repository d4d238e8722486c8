@testable import Datasets
import Foundation
import XCTest

/// BERT's normaliser, pre-tokenizer and WordPiece on a small vocabulary, rule by rule.
final class WordPieceTokenizerTests: XCTestCase {
    private let tokenizer = WordPieceTokenizer(vocabulary: [
        "[PAD]": 0, "[UNK]": 100, "[CLS]": 101, "[SEP]": 102, "un": 1, "##aff": 2, "##able": 3, "cafe": 4, "naive": 5,
        ",": 6, "!": 7, "北": 8, "京": 9, "hello": 10, "world": 11, "'": 12, "s": 13, "-": 14,
    ])

    func testNormalisationLowerCasesStripsAccentsCleansAndSpacesIdeographs() {
        let normalizer = BertNormalizer()
        XCTAssertEqual(normalizer.normalize("Café\tNAÏVE\u{0}\u{200B}x"), "cafe naivex")
        XCTAssertEqual(normalizer.normalize("北京"), " 北  京 ")
        XCTAssertEqual(BertNormalizer(stripAccents: false).normalize("É"), "é")
        XCTAssertEqual(BertNormalizer(lowercase: false).normalize("Éa"), "Éa", "accents stay for cased models")
    }

    func testPunctuationIsItsOwnWordAndWhitespaceSeparates() {
        XCTAssertEqual(BertPreTokenizer.words("hello, world!  it's"), ["hello", ",", "world", "!", "it", "'", "s"])
        XCTAssertEqual(BertPreTokenizer.words("a—b«c»"), ["a", "—", "b", "«", "c", "»"])
    }

    func testWordsSplitIntoTheLongestPiecesAndUnknownWordsAreOneUnknownToken() {
        XCTAssertEqual(tokenizer.pieceIDs("Unaffable"), [1, 2, 3])
        XCTAssertEqual(tokenizer.pieceIDs("unaffablex hello"), [100, 10], "no split of the whole word: one [UNK]")
        XCTAssertEqual(tokenizer.pieceIDs(String(repeating: "a", count: 101)), [100])
        XCTAssertEqual(tokenizer.pieceIDs("Café, naïve 北京!"), [4, 6, 5, 8, 9, 7])
    }

    func testEncodingFramesTruncatesAndPads() {
        XCTAssertEqual(tokenizer.encode("hello world", length: 6),
                       TokenizedText(ids: [101, 10, 11, 102, 0, 0], attentionMask: [1, 1, 1, 1, 0, 0]))
        XCTAssertEqual(tokenizer.encode("hello world hello", length: 4).ids, [101, 10, 11, 102], "[SEP] survives truncation")
    }

    func testATokenizerFileThatIsNotWordPieceNamesThePath() {
        let json = #"{ "model": { "type": "BPE", "vocab": {} } }"#
        XCTAssertThrowsError(try WordPieceTokenizer.decode(Data(json.utf8), file: "tokenizer.json")) { error in
            XCTAssertEqual("\(error)", #"tokenizer.json: model.type: expected "WordPiece" (a BERT tokenizer), found "BPE""#)
        }
        let badID = #"{ "model": { "type": "WordPiece", "vocab": { "a": "x" } } }"#
        XCTAssertThrowsError(try WordPieceTokenizer.decode(Data(badID.utf8), file: "t.json")) { error in
            XCTAssertTrue("\(error)".hasPrefix(#"t.json: model.vocab["a"]: expected a token id"#), "\(error)")
        }
        XCTAssertThrowsError(try WordPieceTokenizer.decode(Data("{}".utf8), file: "t.json")) { error in
            XCTAssertEqual("\(error)", "t.json: model: expected an object, found no such member")
        }
    }
}
