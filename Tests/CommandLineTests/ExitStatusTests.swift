import Foundation
import XCTest

/// Exit statuses a script can rely on: 2 for invalid input from every command, and `--version` names the build.
final class ExitStatusTests: CommandLineTestCase {
    func testAnInvalidProtocolIsExitTwoForValidateAndRun() throws {
        let path = try write(#"{ "name": "broken", "machines": [] }"#, to: "broken.json")
        for command in [["validate", path], ["run", path, "--db", "r.sqlite"]] {
            let result = try dlbench(command)
            XCTAssertEqual(result.status, 2, "\(command): \(result.errors)")
            XCTAssertTrue(result.errors.contains("broken.json:"), result.errors)
        }
        let valid = try write(protocolText(), to: "valid.json")
        XCTAssertEqual(try dlbench(["validate", valid]).status, 0)
    }

    func testVersionNamesTheReleaseAndTheCommit() throws {
        let result = try dlbench(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.output.hasPrefix("dlbench "), result.output)
        XCTAssertTrue(result.output.contains("commit"), result.output)
    }

    /// A build folder outside the checkout (`swift build --scratch-path /elsewhere`) still names the checkout's
    /// commit, through the sources the binary was compiled from; a binary outside any build folder does not guess.
    func testABuildFolderOutsideTheCheckoutStillNamesTheCommit() throws {
        let original = try dlbench(["--version"]).output
        let built = dlbench!
        defer { dlbench = built }
        for (folderName, expectsCommit) in [(".build-elsewhere", true), ("copied", false)] {
            let directory = folder + "/" + folderName
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: built, toPath: directory + "/dlbench")
            dlbench = directory + "/dlbench"
            let output = try dlbench(["--version"]).output
            if expectsCommit {
                XCTAssertEqual(output, original, folderName)
            } else {
                XCTAssertTrue(output.contains("commit unknown"), output)
            }
        }
    }
}
