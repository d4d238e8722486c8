import XCTest
@testable import ProtocolModel

/// Light checks that the test-only schema validator enforces what the agreement tests rely on.
final class SchemaValidatorTests: XCTestCase {
    private func errors(_ schema: String, _ instance: String) throws -> [String] {
        try JSONSchemaSubsetValidator(root: JSONParser.parse(schema)).validate(JSONParser.parse(instance))
    }

    func testTypeRequiredAndAdditionalProperties() throws {
        let schema = #"{ "type": "object", "required": ["a"], "additionalProperties": false, "properties": { "a": { "type": "integer" } } }"#
        XCTAssertEqual(try errors(schema, #"{ "a": 2.0 }"#), [])
        XCTAssertFalse(try errors(schema, #"{ "a": 2.5 }"#).isEmpty)
        XCTAssertFalse(try errors(schema, #"{}"#).isEmpty)
        XCTAssertFalse(try errors(schema, #"{ "a": 1, "b": 1 }"#).isEmpty)
    }

    func testBoundsEnumConstAndUniqueItems() throws {
        XCTAssertFalse(try errors(#"{ "exclusiveMinimum": 0 }"#, "0").isEmpty)
        XCTAssertEqual(try errors(#"{ "minimum": 0, "exclusiveMaximum": 1 }"#, "0"), [])
        XCTAssertFalse(try errors(#"{ "maximum": 3 }"#, "4").isEmpty)
        XCTAssertFalse(try errors(#"{ "enum": ["a", "b"] }"#, #""c""#).isEmpty)
        XCTAssertFalse(try errors(#"{ "const": "a" }"#, #""b""#).isEmpty)
        XCTAssertFalse(try errors(#"{ "uniqueItems": true, "minItems": 1 }"#, "[1, 1.0]").isEmpty)
        XCTAssertFalse(try errors(#"{ "minItems": 1 }"#, "[]").isEmpty)
        XCTAssertFalse(try errors(#"{ "minLength": 1 }"#, #""""#).isEmpty)
    }

    func testCombinatorsAndReferences() throws {
        let schema = ##"{ "$defs": { "s": { "required": ["s"] }, "e": { "required": ["e"] } }, "oneOf": [{ "$ref": "#/$defs/s" }, { "$ref": "#/$defs/e" }] }"##
        XCTAssertEqual(try errors(schema, #"{ "s": 1 }"#), [])
        XCTAssertFalse(try errors(schema, #"{ "s": 1, "e": 1 }"#).isEmpty)
        XCTAssertFalse(try errors(schema, #"{}"#).isEmpty)
        XCTAssertEqual(try errors(#"{ "anyOf": [{ "type": "string" }, { "type": "null" }] }"#, "null"), [])
        XCTAssertFalse(try errors(#"{ "not": { "type": "null" } }"#, "null").isEmpty)
        XCTAssertFalse(try errors(#"{ "items": { "type": "string" } }"#, #"["a", 1]"#).isEmpty)
    }

    func testUnsupportedKeywordIsReportedNotIgnored() throws {
        XCTAssertFalse(try errors(#"{ "pattern": "^a" }"#, #""b""#).isEmpty)
    }
}
