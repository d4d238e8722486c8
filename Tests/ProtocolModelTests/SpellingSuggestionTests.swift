import XCTest
@testable import ProtocolModel

final class SpellingSuggestionTests: XCTestCase {
    func testEditDistanceCountsTranspositionsOnce() {
        XCTAssertEqual(SpellingSuggestion.editDistance("trails", "trials"), 1)
        XCTAssertEqual(SpellingSuggestion.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(SpellingSuggestion.editDistance("", "abc"), 3)
    }

    func testCaseAndSeparatorDifferencesMatchExactly() {
        XCTAssertEqual(SpellingSuggestion.closest(to: "BatchSize", among: ["batchSize", "batchSizes"]), "batchSize")
        XCTAssertEqual(SpellingSuggestion.closest(to: "warmup_steps", among: ["warmupSteps", "trials"]), "warmupSteps")
    }

    func testAliasesPointToTheRealKey() {
        XCTAssertEqual(SpellingSuggestion.closest(to: "learningRate", among: ["kind", "lr"], aliases: ["learningRate": "lr"]), "lr")
        XCTAssertEqual(SpellingSuggestion.closest(to: "lerningRate", among: ["kind", "lr"], aliases: ["learningRate": "lr"]), "lr")
    }

    func testDistantWordsGetNoSuggestion() {
        XCTAssertNil(SpellingSuggestion.closest(to: "tpu", among: ["cpu", "gpu", "any"].map { $0 + "-device" }))
        XCTAssertNil(SpellingSuggestion.closest(to: "zzzz", among: ["name", "seed"]))
    }
}
