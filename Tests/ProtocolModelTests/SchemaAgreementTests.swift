import Foundation
import XCTest
@testable import ProtocolModel

/// Proves that Protocols/protocol.schema.json and the decoder describe the same format.
final class SchemaAgreementTests: XCTestCase {
    static let schemaURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protocols/protocol.schema.json")

    private func validator() throws -> JSONSchemaSubsetValidator {
        JSONSchemaSubsetValidator(root: try JSONParser.parse(Data(contentsOf: Self.schemaURL)))
    }

    /// Schema verdict: `nil` errors means valid; malformed JSON counts as invalid.
    private func schemaErrors(_ url: URL) throws -> [String] {
        guard let instance = try? JSONParser.parse(Data(contentsOf: url)) else { return ["not JSON"] }
        return try validator().validate(instance)
    }

    private func decoderAccepts(_ url: URL) -> Bool {
        (try? ProtocolLoader.load(contentsOf: url)) != nil
    }

    func testGoodExamplesAreAcceptedByBoth() throws {
        let files = Fixtures.files(in: "good")
        XCTAssertGreaterThanOrEqual(files.count, 3)
        for file in files {
            XCTAssertEqual(try schemaErrors(file), [], file.lastPathComponent)
            XCTAssertNoThrow(try ProtocolLoader.load(contentsOf: file), file.lastPathComponent)
        }
    }

    func testBadExamplesAreRejectedByBoth() throws {
        let files = Fixtures.files(in: "bad")
        XCTAssertGreaterThanOrEqual(files.count, 30)
        for file in files {
            XCTAssertFalse(try schemaErrors(file).isEmpty, "schema accepts \(file.lastPathComponent)")
            XCTAssertFalse(decoderAccepts(file), "decoder accepts \(file.lastPathComponent)")
        }
    }

    /// Rules JSON Schema cannot express (see Fixtures/README.md): unique names, references,
    /// engine availability, duplicate object keys.
    func testDecoderOnlyExamplesPassTheSchemaButNotTheDecoder() throws {
        let files = Fixtures.files(in: "decoder-only")
        XCTAssertGreaterThanOrEqual(files.count, 8)
        for file in files {
            XCTAssertEqual(try schemaErrors(file), [], file.lastPathComponent)
            XCTAssertFalse(decoderAccepts(file), "decoder accepts \(file.lastPathComponent)")
        }
    }

    func testSchemaEnumsMatchTheSwiftEnums() throws {
        let schema = try JSONParser.parse(Data(contentsOf: Self.schemaURL))
        func enumValues(_ path: [String]) -> [String] {
            var node: JSONValue? = schema
            for key in path {
                node = node?.objectMembers?.first { $0.key == key }?.value
            }
            return node?.objectMembers?.first { $0.key == "enum" }?.value.arrayElements?.compactMap(\.stringValue) ?? []
        }
        XCTAssertEqual(enumValues(["$defs", "metric"]), Metric.allCases.map(\.rawValue))
        XCTAssertEqual(enumValues(["$defs", "engine", "properties", "kind"]), EngineKind.allCases.map(\.rawValue))
        XCTAssertEqual(enumValues(["$defs", "machine", "properties", "device"]), DeviceKind.allCases.map(\.rawValue))
        XCTAssertEqual(enumValues(["$defs", "datasetKind"]), DatasetKind.allCases.map(\.rawValue))
        XCTAssertEqual(enumValues(["$defs", "mlpModel", "properties", "activation"]), Activation.allCases.map(\.rawValue))
        XCTAssertEqual(enumValues(["$defs", "inferTask", "properties", "scenario"]),
                       InferenceScenario.allCases.map(\.rawValue))
        XCTAssertEqual(enumValues(["$defs", "qualityTarget", "properties", "metric"]), TargetMetric.allCases.map(\.rawValue))
    }
}
