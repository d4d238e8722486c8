import _TestSupport
import Foundation
import XCTest

/// Runs the `dlbench` binary of this build (next to the test bundle) in a temporary folder.
class CommandLineTestCase: XCTestCase {
    var dlbench: String!
    var folder: String!

    struct Result {
        var status: Int32
        var reason: Process.TerminationReason
        var output: String
        var errors: String
    }

    override func setUpWithError() throws {
        dlbench = try BuiltProducts.requireDlbench()
        folder = NSTemporaryDirectory() + "dlbench-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(atPath: folder) }
    }

    func write(_ text: String, to name: String) throws -> String {
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Starts `dlbench ARGUMENTS` in the temporary folder; `whileRunning` gets the process once it started.
    func dlbench(_ arguments: [String], environment: [String: String] = [:],
                 whileRunning: ((Process) -> Void)? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dlbench)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        }
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        whileRunning?(process)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, reason: process.terminationReason,
                      output: String(decoding: outputData, as: UTF8.self),
                      errors: String(decoding: errorData, as: UTF8.self))
    }

    /// A small, valid protocol: one machine, Gaussian clusters, an MLP, one train task; `engines` and the
    /// task's extra members are the test's to choose.
    func protocolText(engines: String = #"[{ "name": "eager", "kind": "eager" }]"#, taskExtra: String = "",
                      steps: Int = 20, trials: Int = 2) -> String {
        """
        {
          "name": "cli",
          "machines": [{ "name": "cpu", "threads": 1 }],
          "datasets": [{ "name": "blobs", "kind": "gaussian-clusters", "features": 8, "classes": 3,
                         "trainSamples": 256, "testSamples": 64 }],
          "models": [{ "name": "mlp", "kind": "mlp", "hidden": [16] }],
          "engines": \(engines),
          "tasks": [{ "name": "train", "kind": "train", "model": "mlp", "dataset": "blobs", "batchSize": 32,
                      "steps": \(steps), "optimizer": { "kind": "sgd", "lr": 0.1 }\(taskExtra) }],
          "repetition": { "warmupSteps": 1, "trials": \(trials) }
        }
        """
    }
}
