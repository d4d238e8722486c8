import Foundation
import XCTest

/// Runs a Python script that computes a reference (a tokenizer's ids, a framework's outputs) from JSON on standard
/// input and prints JSON; a script that cannot run — the package is not installed — is a skip with `hint`, except
/// under CI, which installs the packages, where it is a failure.
public enum PythonReference {
    public static func run(_ script: String, input: Any, hint: String,
                           file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let standardInput = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = standardInput
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        standardInput.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: input))
        try standardInput.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let result = try? JSONSerialization.jsonObject(with: data) else {
            let reason = hint + ": " + (message.split(separator: "\n").last.map(String.init) ?? "")
            if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("CI installs them: " + reason, file: file, line: line) }
            throw XCTSkip(reason)
        }
        return result
    }
}
