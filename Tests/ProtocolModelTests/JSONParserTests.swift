import XCTest
@testable import ProtocolModel

final class JSONParserTests: XCTestCase {
    func testEscapesAndSurrogatePairsDecode() throws {
        let value = try JSONParser.parse(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\uD83D\uDE00", "ü😀"]"#)
        let strings = value.arrayElements?.compactMap(\.stringValue)
        XCTAssertEqual(strings, ["a\"b\\c/d\u{8}\u{C}\n\r\t", "é😀", "ü😀"])
    }

    func testNumbersKeepTheirLiteralAndValue() throws {
        let value = try JSONParser.parse("[0, -12, 3.25, 1e-3, 18446744073709551615]")
        let numbers = value.arrayElements?.compactMap { element -> JSONNumber? in
            if case .number(let number) = element.kind { return number }
            return nil
        }
        XCTAssertEqual(numbers?.map(\.literal), ["0", "-12", "3.25", "1e-3", "18446744073709551615"])
        XCTAssertEqual(numbers?.map(\.value), [0, -12, 3.25, 0.001, Double(UInt64.max)])
    }

    func testValuesAndKeysCarryPositions() throws {
        let value = try JSONParser.parse("{\n  \"a\": [true,\n null]\n}")
        XCTAssertEqual(value.position, SourcePosition(line: 1, column: 1))
        let member = try XCTUnwrap(value.objectMembers?.first)
        XCTAssertEqual(member.keyPosition, SourcePosition(line: 2, column: 3))
        XCTAssertEqual(member.value.position, SourcePosition(line: 2, column: 8))
        XCTAssertEqual(member.value.arrayElements?.last?.position, SourcePosition(line: 3, column: 2))
    }

    func testDuplicateKeysAreKeptForTheDecoderToReport() throws {
        let value = try JSONParser.parse(#"{"a": 1, "a": 2}"#)
        XCTAssertEqual(value.objectMembers?.map(\.key), ["a", "a"])
    }

    func testByteOrderMarkIsSkipped() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(contentsOf: Array("{}".utf8))
        XCTAssertEqual(try JSONParser.parse(data).objectMembers?.count, 0)
    }

    func testInvalidUTF8IsRejected() {
        XCTAssertThrowsError(try JSONParser.parse(Data([0x7B, 0xFF, 0x7D]))) { error in
            XCTAssertEqual((error as? JSONSyntaxError)?.message, "the file is not valid UTF-8 text")
        }
    }
}
