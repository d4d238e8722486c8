import Foundation
@testable import Measurement
import XCTest

/// A run names the code that measured it: the commit of the checkout the running binary was built in, not of
/// whatever repository the user happens to run it from.
final class GitStateTests: XCTestCase {
    func testTheRunningBinarysCheckoutIsTheOneThatBuiltIt() throws {
        let checkout = try XCTUnwrap(GitState.checkoutOfRunningBinary, "the test bundle runs from a .build folder")
        XCTAssertTrue(FileManager.default.fileExists(atPath: checkout.appendingPathComponent("Package.swift").path),
                      checkout.path)
        let expected = GitState.read(in: checkout)
        guard let commit = expected.commit else { throw XCTSkip("not a git checkout (a source tarball)") }
        XCTAssertEqual(GitState.ofRunningBinary().commit, commit)
        // From an unrelated current directory the answer is the same.
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(NSTemporaryDirectory())
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        XCTAssertEqual(GitState.ofRunningBinary().commit, commit)
    }
}
