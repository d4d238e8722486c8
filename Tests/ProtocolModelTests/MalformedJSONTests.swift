import XCTest
@testable import ProtocolModel

final class MalformedJSONTests: XCTestCase {
    private func syntaxIssue(_ text: String, caller: StaticString = #filePath, line: UInt = #line) -> ProtocolIssue? {
        let error = decodingError(text, file: "broken.json", caller: caller, line: line)
        XCTAssertEqual(error.issues.count, 1, file: caller, line: line)
        return error.issues.first
    }

    func testMissingCommaReportsLineAndColumn() {
        let issue = syntaxIssue("{\n  \"name\": \"x\"\n  \"seed\": 1\n}")
        XCTAssertEqual(issue?.line, 3)
        XCTAssertEqual(issue?.column, 3)
        XCTAssertEqual(issue?.message, "invalid JSON: expected ',' or '}' after object member, found '\"'")
    }

    func testTrailingCommaInObjectIsRejected() {
        let issue = syntaxIssue("{\n  \"name\": \"x\",\n}")
        XCTAssertEqual(issue?.line, 3)
        XCTAssertEqual(issue?.column, 1)
        XCTAssertTrue(issue?.message.contains("trailing comma is not allowed") ?? false)
    }

    func testTrailingCommaInArrayIsRejected() {
        let issue = syntaxIssue(#"{"machines": [1, 2, ]}"#)
        XCTAssertEqual(issue?.column, 21)
        XCTAssertTrue(issue?.message.contains("trailing comma is not allowed before ']'") ?? false)
    }

    func testUnterminatedStringPointsAtItsStart() {
        let issue = syntaxIssue("{\"name\": \"abc")
        XCTAssertEqual(issue?.line, 1)
        XCTAssertEqual(issue?.column, 10)
        XCTAssertTrue(issue?.message.contains("unterminated string") ?? false)
    }

    func testColumnsCountCharactersNotBytes() {
        let issue = syntaxIssue("{\"näme\": 1 2}")
        XCTAssertEqual(issue?.column, 12)
    }

    func testDescriptionStartsWithFileLineAndColumn() {
        let error = decodingError("{\"a\": tru}", file: "Protocols/x.json")
        XCTAssertTrue(error.description.hasPrefix("Protocols/x.json:1:7: invalid JSON: invalid literal 'tru'"), error.description)
    }

    func testCommonNonJSONSyntaxGetsSpecificMessages() {
        XCTAssertTrue(syntaxIssue("{'name': 1}")?.message.contains("double quotes") ?? false)
        XCTAssertTrue(syntaxIssue("{\"a\": 1 // note\n}")?.message.contains("expected ',' or '}'") ?? false)
        XCTAssertTrue(syntaxIssue("// note\n{}")?.message.contains("comments are not allowed") ?? false)
        XCTAssertTrue(syntaxIssue("{\"a\": 01}")?.message.contains("leading zeros") ?? false)
        XCTAssertTrue(syntaxIssue("{\"a\": NaN}")?.message.contains("invalid literal 'NaN'") ?? false)
        XCTAssertTrue(syntaxIssue("{\"a\": 1.}")?.message.contains("digit after the decimal point") ?? false)
        XCTAssertTrue(syntaxIssue("")?.message.contains("the file is empty") ?? false)
        XCTAssertTrue(syntaxIssue("{} {}")?.message.contains("expected end of input") ?? false)
        XCTAssertTrue(syntaxIssue("{\"a\": \"\\x\"}")?.message.contains("invalid escape sequence '\\x'") ?? false)
        XCTAssertTrue(syntaxIssue("{\"a\": \"\\uD800\"}")?.message.contains("unpaired UTF-16 high surrogate") ?? false)
        XCTAssertTrue(syntaxIssue("{\"a\": 1e999}")?.message.contains("too large") ?? false)
        XCTAssertTrue(syntaxIssue("{\"a\": [1, 2}")?.message.contains("expected ',' or ']' after array element, found '}'") ?? false)
        XCTAssertTrue(syntaxIssue("{\"a\": {\"b\": 1}")?.message.contains("found end of input") ?? false)
        XCTAssertTrue(syntaxIssue("{\"a\" 1}")?.message.contains("expected ':' after the key \"a\"") ?? false)
    }

    func testNestingDeeperThanTheLimitIsRejected() {
        let depth = JSONParser.maximumDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        XCTAssertTrue(syntaxIssue(text)?.message.contains("nesting is too deep") ?? false)
    }
}
