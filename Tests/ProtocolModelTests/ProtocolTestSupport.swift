import Foundation
import XCTest
@testable import ProtocolModel

/// Builds protocol JSON text from a valid baseline, replacing one section at a time, so each
/// test states only what it breaks.
enum SampleProtocol {
    static let machines = #"[{ "name": "one-thread" }, { "name": "four-threads", "threads": 4 }]"#
    static let datasets = #"[{ "name": "blobs", "kind": "gaussian-clusters", "features": 8, "classes": 3, "trainSamples": 100, "testSamples": 20 }]"#
    static let models = #"[{ "name": "mlp-small", "kind": "mlp", "hidden": [16] }]"#
    static let engines = #"[{ "name": "eager", "kind": "eager" }]"#
    static let optimizer = #"{ "kind": "sgd", "lr": 0.1 }"#
    static let trainTask = #"{ "name": "train", "kind": "train", "model": "mlp-small", "dataset": "blobs", "batchSize": 10, "steps": 5, "optimizer": \#(optimizer) }"#
    static let tasks = "[\(trainTask)]"

    static func json(
        name: String = #""sample""#, machines: String = machines, datasets: String = datasets, models: String = models,
        engines: String = engines, tasks: String = tasks, extra: String = ""
    ) -> String {
        """
        {
          "name": \(name),
          "machines": \(machines),
          "datasets": \(datasets),
          "models": \(models),
          "engines": \(engines),
          "tasks": \(tasks)\(extra.isEmpty ? "" : ",\n  " + extra)
        }
        """
    }

    /// A protocol whose single train task uses `optimizer`.
    static func withOptimizer(_ optimizer: String) -> String {
        json(tasks: #"[{ "name": "train", "kind": "train", "model": "mlp-small", "dataset": "blobs", "batchSize": 10, "steps": 5, "optimizer": \#(optimizer) }]"#)
    }

    /// A protocol whose single task has these extra/overriding members after `"name": "t"`.
    static func withTask(_ members: String) -> String {
        json(tasks: "[{ \"name\": \"t\", \(members) }]")
    }
}

/// Fixture files shipped with the test target.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func files(in subfolder: String) -> [URL] {
        let directory = folder.appendingPathComponent(subfolder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appendingPathComponent($0) }
    }
}

extension XCTestCase {
    /// Decodes text that must fail and returns the error; records a failure if it decodes.
    func decodingError(_ text: String, file: String = "test.json", caller: StaticString = #filePath, line: UInt = #line) -> ProtocolError {
        do {
            _ = try ProtocolLoader.decode(text, file: file)
            XCTFail("expected the protocol to be rejected", file: caller, line: line)
        } catch let error as ProtocolError {
            return error
        } catch {
            XCTFail("unexpected error type \(error)", file: caller, line: line)
        }
        return ProtocolError(file: file, issues: [])
    }

    /// Asserts that exactly one issue was reported and that it contains every fragment.
    @discardableResult
    func assertSingleIssue(
        _ text: String, path: String, contains fragments: [String], caller: StaticString = #filePath, line: UInt = #line
    ) -> ProtocolIssue? {
        let error = decodingError(text, caller: caller, line: line)
        XCTAssertEqual(error.issues.count, 1, "issues: \(error.description)", file: caller, line: line)
        guard let issue = error.issues.first else { return nil }
        XCTAssertEqual(issue.path, path, error.description, file: caller, line: line)
        XCTAssertNotNil(issue.line, "issue has no line", file: caller, line: line)
        for fragment in fragments {
            XCTAssertTrue(issue.message.contains(fragment), "\(issue.message) does not contain \(fragment)", file: caller, line: line)
        }
        return issue
    }
}
