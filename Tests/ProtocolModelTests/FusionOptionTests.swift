import ProtocolModel
import XCTest

final class FusionOptionTests: XCTestCase {
    func engines(_ json: String) -> String { ProtocolText.withEngines(json) }

    func testFusedEngineDecodesFusionSwitchesWithDefaultsOn() throws {
        let benchmark = try ProtocolLoader.decode(engines(#"[{"name": "f", "kind": "fused", "fusion": {"epilogue": false}}]"#), file: "p.json")
        XCTAssertEqual(benchmark.engines[0].fusion, FusionSpec(elementwise: true, epilogue: false, multipleOutputs: true))
    }

    func testReductionAbsorptionCanBeSwitchedOffAlone() throws {
        let benchmark = try ProtocolLoader.decode(engines(#"[{"name": "f", "kind": "fused", "fusion": {"reductions": false}}]"#), file: "p.json")
        XCTAssertEqual(benchmark.engines[0].fusion, FusionSpec(reductions: false))
    }

    func testGeneratedCodeCanBeSwitchedOffForTheInterpreter() throws {
        let benchmark = try ProtocolLoader.decode(engines(#"[{"name": "f", "kind": "fused", "fusion": {"generatedCode": false}}]"#), file: "p.json")
        XCTAssertEqual(benchmark.engines[0].fusion, FusionSpec(generatedCode: false))
    }

    func testPaddedSumsCanBeSwitchedOff() throws {
        let benchmark = try ProtocolLoader.decode(engines(#"[{"name": "f", "kind": "fused", "fusion": {"paddedSums": false}}]"#), file: "p.json")
        XCTAssertEqual(benchmark.engines[0].fusion, FusionSpec(paddedSums: false))
    }

    func testFusionOnANonFusedEngineIsAnError() {
        XCTAssertThrowsError(try ProtocolLoader.decode(engines(#"[{"name": "t", "kind": "traced", "fusion": {}}]"#), file: "p.json")) {
            XCTAssertTrue("\($0)".contains("engines[0].fusion: 'fusion' applies only to engines of kind 'fused', found kind 'traced'"), "\($0)")
        }
    }

    func testMisspeltFusionSwitchSuggestsTheRightOne() {
        XCTAssertThrowsError(try ProtocolLoader.decode(engines(#"[{"name": "f", "kind": "fused", "fusion": {"epilog": false}}]"#), file: "p.json")) {
            XCTAssertTrue("\($0)".contains("did you mean 'epilogue'?"), "\($0)")
        }
    }
}
