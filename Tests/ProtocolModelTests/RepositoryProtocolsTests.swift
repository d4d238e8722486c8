import Foundation
import XCTest
@testable import ProtocolModel

/// Every protocol shipped in the repository's Protocols/ folder must load.
final class RepositoryProtocolsTests: XCTestCase {
    func testEveryShippedProtocolDecodesWithoutError() throws {
        let folder = SchemaAgreementTests.schemaURL.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let protocols = names.filter { $0.hasSuffix(".json") && $0 != "protocol.schema.json" }.sorted()
        for name in protocols {
            let url = folder.appendingPathComponent(name)
            XCTAssertNoThrow(try ProtocolLoader.load(contentsOf: url), name)
            if let errors = try? JSONSchemaSubsetValidator(root: JSONParser.parse(Data(contentsOf: SchemaAgreementTests.schemaURL)))
                .validate(JSONParser.parse(Data(contentsOf: url))) {
                XCTAssertEqual(errors, [], "\(name) does not match the schema")
            }
        }
    }
}
