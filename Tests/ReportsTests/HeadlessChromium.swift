import Foundation
import XCTest

/// Debian's `chromium` run headless on a file, for the HTML report's browser test. Found on PATH (or at
/// `DLBENCH_CHROMIUM`); missing, the test skips, except under CI (`CI` set), where scripts/install-browser.sh must
/// have installed it and a missing browser is a failure.
struct HeadlessChromium {
    var executable: URL
    /// A fresh profile per run: no state from a user's browser, no clash between concurrent test runs.
    var profile: URL

    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var timedOut: Bool

        /// Messages the page's console printed (`--enable-logging=stderr`); the report has no script, so any is an error.
        var consoleMessages: [String] {
            standardError.components(separatedBy: "\n").filter { $0.contains(":CONSOLE") }
        }
    }

    static var isCI: Bool {
        let value = ProcessInfo.processInfo.environment["CI"] ?? ""
        return !value.isEmpty && value != "0" && value.lowercased() != "false"
    }

    /// The browser, or a skip (locally) or a failure (under CI) saying how to get one.
    static func locate(file: StaticString = #filePath, line: UInt = #line) throws -> HeadlessChromium {
        let environment = ProcessInfo.processInfo.environment
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        let candidates = [environment["DLBENCH_CHROMIUM"]].compactMap { $0 }
            + ["chromium", "chromium-browser"].flatMap { name in path.map { "\($0)/\(name)" } }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            let reason = "chromium is not installed (scripts/install-browser.sh installs Debian's chromium)"
            if isCI {
                XCTFail("CI must run the HTML browser test: \(reason)", file: file, line: line)
            }
            throw XCTSkip(reason)
        }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("dlbench-chromium-\(UUID().uuidString)")
        return HeadlessChromium(executable: URL(fileURLWithPath: found), profile: profile)
    }

    /// Runs the browser on `page` with `arguments` (e.g. `--dump-dom`), at most `timeout` seconds.
    func run(_ arguments: [String], page: URL, windowSize: String = "1400,1000", timeout: TimeInterval = 90) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dlbench-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("stdout")
        let errors = directory.appendingPathComponent("stderr")
        try Data().write(to: output)
        try Data().write(to: errors)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
                             "--window-size=\(windowSize)"] + arguments + [page.absoluteString]
        // Files, not pipes: a dumped DOM is larger than a pipe's buffer.
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        let timedOut = finished.wait(timeout: .now() + timeout) == .timedOut
        if timedOut {
            process.terminate()
            finished.wait()
        }
        try? FileManager.default.removeItem(at: profile)
        return Result(status: process.terminationStatus,
                      standardOutput: (try? String(contentsOf: output, encoding: .utf8)) ?? "",
                      standardError: (try? String(contentsOf: errors, encoding: .utf8)) ?? "", timedOut: timedOut)
    }
}
