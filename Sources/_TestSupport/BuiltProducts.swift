import Foundation
import XCTest

/// Executables of this build, for tests that run them as users do.
public enum BuiltProducts {
    /// The `dlbench` binary next to the test bundle (SwiftPM puts both in the build folder), nil when absent.
    public static var dlbench: String? {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return [directory, directory.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("dlbench").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The binary, or a skip — except under CI, where `swift build --build-tests` (scripts/test.sh) always builds it
    /// beside the tests, so its absence is a failure rather than a skip that hides one.
    public static func requireDlbench(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        if let dlbench { return dlbench }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail("no dlbench binary next to the test bundle", file: file, line: line)
        }
        throw XCTSkip("no dlbench binary next to the test bundle (build with `swift build --build-tests`)")
    }
}
