import XCTest
@testable import Reports

final class HTMLReportTests: XCTestCase {
    func testThePageIsWellFormedWithOneSVGPerChart() throws {
        let selection = try GoldenDatabase.selection()
        let html = HTMLReport.render(rows: selection.rows, runs: selection.runs)
        XCTAssertEqual(try TagBalance.check(html), [])
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 4)
        XCTAssertFalse(html.contains("http://") && html.contains("<script"), "the page must not load anything")
        XCTAssertFalse(html.contains("<link"))
    }

    func testTheTagBalanceCheckerCatchesAnUnclosedElement() throws {
        XCTAssertEqual(try TagBalance.check("<html><body><p>text</body></html>").first, "</body> closes <p>")
        XCTAssertEqual(try TagBalance.check("<div><br><img src=\"x\"/></div>"), [])
    }

    func testNamesAreEscaped() {
        XCTAssertEqual(HTMLReport.escape("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;")
    }
}

/// A tiny well-formedness check: every start tag is closed in order, void elements and `/>` excepted,
/// comments and the doctype skipped. Returns one message per problem.
enum TagBalance {
    static let voidElements: Set<String> = ["meta", "br", "img", "hr", "input", "link", "col", "area", "base", "wbr"]

    static func check(_ html: String) throws -> [String] {
        var problems: [String] = []
        var open: [String] = []
        var rest = html[...]
        while let start = rest.firstIndex(of: "<") {
            guard let end = rest[start...].firstIndex(of: ">") else {
                problems.append("unterminated tag")
                break
            }
            let tag = rest[rest.index(after: start)..<end]
            rest = rest[rest.index(after: end)...]
            if tag.hasPrefix("!") { continue }
            let isClosing = tag.hasPrefix("/")
            let name = String((isClosing ? tag.dropFirst() : tag).prefix { $0.isLetter || $0.isNumber }).lowercased()
            if isClosing {
                guard let last = open.popLast() else {
                    problems.append("</\(name)> without a start tag")
                    continue
                }
                if last != name { problems.append("</\(name)> closes <\(last)>") }
            } else if !tag.hasSuffix("/") && !voidElements.contains(name) {
                open.append(name)
            }
        }
        problems += open.map { "<\($0)> never closed" }
        return problems
    }
}
