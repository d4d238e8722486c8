import Foundation
import XCTest
@testable import ProtocolModel

final class ProtocolErrorTests: XCTestCase {
    func testDescriptionIsCompilerStyleFileLineColumnPathMessage() {
        let error = ProtocolError(file: "Protocols/x.json", issues: [
            ProtocolIssue(path: "tasks[2].optimizer.lr", line: 14, column: 17, message: "expected a number > 0, found -0.1"),
            ProtocolIssue(path: "", line: nil, column: nil, message: "cannot read the protocol file: no such file"),
        ])
        XCTAssertEqual(error.description, """
            Protocols/x.json:14:17: tasks[2].optimizer.lr: expected a number > 0, found -0.1
            Protocols/x.json:cannot read the protocol file: no such file
            """.replacingOccurrences(of: "json:cannot", with: "json: cannot"))
        XCTAssertEqual(error.errorDescription, error.description)
        XCTAssertEqual((error as Error).localizedDescription, error.description)
    }

    func testMissingFileIsAClearErrorNamingTheFile() {
        let url = URL(fileURLWithPath: "/nonexistent/dlbench/missing.json")
        XCTAssertThrowsError(try ProtocolLoader.load(contentsOf: url)) { error in
            let protocolError = error as? ProtocolError
            XCTAssertEqual(protocolError?.file, "/nonexistent/dlbench/missing.json")
            XCTAssertEqual(protocolError?.description, "/nonexistent/dlbench/missing.json: cannot read the protocol file: no such file")
        }
    }

    func testRelativePathIsReportedExactlyAsGiven() {
        XCTAssertThrowsError(try ProtocolLoader.load(path: "no-such-folder/x.json")) { error in
            XCTAssertEqual((error as? ProtocolError)?.description, "no-such-folder/x.json: cannot read the protocol file: no such file")
        }
    }

    func testDirectoryInsteadOfFileIsAClearError() {
        XCTAssertThrowsError(try ProtocolLoader.load(contentsOf: Fixtures.folder)) { error in
            XCTAssertTrue((error as? ProtocolError)?.description.contains("it is a directory, not a file") ?? false, "\(error)")
        }
    }

    func testLoadedFileErrorsNameTheFileAsGiven() {
        let url = Fixtures.folder.appendingPathComponent("bad/zero-batch-size.json")
        XCTAssertThrowsError(try ProtocolLoader.load(contentsOf: url)) { error in
            XCTAssertTrue((error as? ProtocolError)?.description.hasPrefix(url.path + ":") ?? false, "\(error)")
        }
    }

    func testPathsQuoteKeysThatAreNotIdentifiers() {
        let path = JSONPath.root.appending("tasks").appending(index: 2).appending("odd key")
        XCTAssertEqual(path.description, #"tasks[2]["odd key"]"#)
    }
}
