import ProtocolModel
import XCTest

/// `"profileKernels"` on engine objects: off by default, allowed on kinds with a kernel list, refused elsewhere
/// with the file, position, JSON path and the kinds it applies to.
final class ProfileKernelsDecodingTests: XCTestCase {
    func engines(_ json: String) -> String { ProtocolText.withEngines(json) }

    func testProfilingIsOffUnlessAskedFor() throws {
        let benchmark = try ProtocolLoader.decode(engines(#"[{"name": "e", "kind": "eager"}, {"name": "f", "kind": "fused"}]"#),
                                                  file: "p.json")
        XCTAssertEqual(benchmark.engines.map(\.profileKernels), [false, false])
    }

    func testTracedFusedAndOpenCLEnginesMayProfileKernels() throws {
        let benchmark = try ProtocolLoader.decode(engines("""
            [{"name": "t", "kind": "traced", "profileKernels": true},
             {"name": "f", "kind": "fused", "profileKernels": true, "fusion": {"epilogue": false}},
             {"name": "o", "kind": "opencl", "profileKernels": true},
             {"name": "g", "kind": "fused", "profileKernels": false}]
            """), file: "p.json")
        XCTAssertEqual(benchmark.engines.map(\.profileKernels), [true, true, true, false])
        XCTAssertEqual(benchmark.engines[1].fusion.epilogue, false, "profiling leaves the fusion switches alone")
    }

    func testProfilingAnEagerEngineIsAnErrorNamingFilePositionPathAndTheKindsItAppliesTo() {
        XCTAssertThrowsError(try ProtocolLoader.decode(engines(#"[{"name": "e", "kind": "eager", "profileKernels": true}]"#),
                                                       file: "p.json")) {
            XCTAssertTrue("\($0)".contains("p.json:4:63: engines[0].profileKernels: 'profileKernels' applies only to engines "
                                           + "of kind 'traced', 'fused' or 'opencl', found kind 'eager'"), "\($0)")
        }
    }

    func testProfilingAnExternalEngineIsAnErrorEvenWhenFalse() {
        let json = #"[{"name": "x", "kind": "external", "worker": "python3 -m w", "profileKernels": false}]"#
        XCTAssertThrowsError(try ProtocolLoader.decode(engines(json), file: "p.json")) {
            XCTAssertTrue("\($0)".contains("engines[0].profileKernels: 'profileKernels' applies only to engines of kind "
                                           + "'traced', 'fused' or 'opencl', found kind 'external'"), "\($0)")
        }
    }

    func testANonBooleanIsAnErrorSayingWhatWasExpected() {
        XCTAssertThrowsError(try ProtocolLoader.decode(engines(#"[{"name": "f", "kind": "fused", "profileKernels": 1}]"#),
                                                       file: "p.json")) {
            XCTAssertTrue("\($0)".contains("engines[0].profileKernels: expected true or false"), "\($0)")
        }
    }

    func testMisspeltKeySuggestsProfileKernels() {
        XCTAssertThrowsError(try ProtocolLoader.decode(engines(#"[{"name": "f", "kind": "fused", "profileKernel": true}]"#),
                                                       file: "p.json")) {
            XCTAssertTrue("\($0)".contains("did you mean 'profileKernels'?"), "\($0)")
        }
    }
}
