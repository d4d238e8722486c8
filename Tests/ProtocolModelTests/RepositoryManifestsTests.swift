import Foundation
import XCTest
@testable import ProtocolModel

/// Every manifest shipped in Datasets/ decodes and agrees with the schema's dataset definition.
final class RepositoryManifestsTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets")

    func testShippedManifestsDecodeAndMatchTheSchema() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 4)
        let schema = try JSONParser.parse(Data(contentsOf: SchemaAgreementTests.schemaURL))
        let validator = JSONSchemaSubsetValidator(root: schema)
        let datasetSchema = try XCTUnwrap(schema.objectMembers?.first { $0.key == "$defs" }?.value.objectMembers?
            .first { $0.key == "dataset" }?.value)
        for name in names {
            let path = Self.folder.appendingPathComponent(name).path
            let manifest = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: path)))
            XCTAssertEqual(validator.validate(manifest, against: datasetSchema), [], name)
            let text = SampleProtocol.json(datasets: #"[{ "name": "blobs", "manifest": "\#(path)" }]"#)
            let decoded = try ProtocolLoader.decode(text, file: "manifest-check.json")
            XCTAssertEqual(decoded.datasets.first?.manifest, path, name)
        }
    }
}
