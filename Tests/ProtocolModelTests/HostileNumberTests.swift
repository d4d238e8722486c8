import Foundation
import XCTest
@testable import ProtocolModel

/// Values that once passed `validate` and then trapped at run time (a duration beyond `UInt64` nanoseconds,
/// `Int.max` steps or widths multiplied into sizes): each is now an issue at its JSON path, and what remains
/// in range cannot overflow anything derived from it.
final class HostileNumberTests: XCTestCase {
    static let intMax = "9223372036854775807"

    func testHugeAndInfiniteDurationsAreRejected() {
        for literal in ["2e10", "1e300"] {
            assertSingleIssue(SampleProtocol.json(extra: #""repetition": { "caseTimeoutSeconds": \#(literal) }"#),
                              path: "repetition.caseTimeoutSeconds", contains: ["expected a number > 0 and ≤ 604800"])
            assertSingleIssue(SampleProtocol.json(extra: #""repetition": { "maxSecondsPerCase": \#(literal) }"#),
                              path: "repetition.maxSecondsPerCase", contains: ["≤ 604800"])
        }
        // Beyond a double: the parser's own error, at the number.
        assertSingleIssue(SampleProtocol.json(extra: #""repetition": { "caseTimeoutSeconds": 1e400 }"#),
                          path: "", contains: ["the number 1e400 is too large"])
    }

    func testIntMaxCountsAreRejectedAtTheirPath() {
        let task = { (members: String) in
            SampleProtocol.withTask(#""kind": "train", "model": "mlp-small", "dataset": "blobs", \#(members), "optimizer": { "kind": "sgd", "lr": 1 }"#)
        }
        assertSingleIssue(task(#""batchSize": 8, "steps": \#(Self.intMax)"#), path: "tasks[0].steps",
                          contains: ["between 1 and 1000000000", "found \(Self.intMax)"])
        assertSingleIssue(task(#""batchSize": \#(Self.intMax), "steps": 1"#), path: "tasks[0].batchSize",
                          contains: ["between 1 and 1048576"])
        assertSingleIssue(
            SampleProtocol.withTask(#""kind": "infer", "model": "mlp-small", "dataset": "blobs", "batchSizes": [1], "iterations": \#(Self.intMax)"#),
            path: "tasks[0].iterations", contains: ["between 1 and 1000000000"])
        assertSingleIssue(
            SampleProtocol.json(datasets: #"[{ "name": "blobs", "kind": "gaussian-clusters", "features": 8, "classes": 3, "trainSamples": \#(Self.intMax), "testSamples": 20 }]"#),
            path: "datasets[0].trainSamples", contains: ["between 1 and 100000000"])
        assertSingleIssue(
            SampleProtocol.json(models: #"[{ "name": "mlp-small", "kind": "mlp", "hidden": [\#(Self.intMax)] }]"#),
            path: "models[0].hidden[0]", contains: ["between 1 and 65536"])
    }

    /// Every value in range, the sizes they multiply into far beyond any machine: one issue at the task.
    func testATaskThatCannotFitInMemoryIsAnIssueAtTheTask() {
        let datasets = #"[{ "name": "blobs", "kind": "gaussian-clusters", "features": 4096, "classes": 3, "trainSamples": 100000000, "testSamples": 20 }]"#
        let issue = assertSingleIssue(SampleProtocol.json(datasets: datasets), path: "tasks[0]",
                                      contains: ["expected a task that fits this machine's", "dataset 'blobs' 3.3 TB"])
        XCTAssertNotNil(issue?.column)
        let models = #"[{ "name": "mlp-small", "kind": "mlp", "hidden": [65536, 65536, 65536] }]"#
        assertSingleIssue(SampleProtocol.json(models: models), path: "tasks[0]",
                          contains: ["model 'mlp-small' with gradients and optimizer state 137.5 GB"])
    }

    func testTheEstimateCountsDatasetModelAndActivations() throws {
        let benchmark = try ProtocolLoader.decode(SampleProtocol.json(), file: "sample.json")
        let task = try XCTUnwrap(benchmark.tasks.first)
        let estimate = MemoryEstimate(task: task, dataset: benchmark.datasets[0], model: benchmark.models[0])
        // 120 examples × 8 features × 4 bytes × 2 copies; widths 8-16-3: (8·16 + 16) + (16·3 + 3) parameters × 4 × 4.
        XCTAssertEqual(estimate.datasetBytes, 120 * 8 * 4 * 2)
        XCTAssertEqual(estimate.modelBytes, Double((8 * 16 + 16) + (16 * 3 + 3)) * 16)
        XCTAssertEqual(estimate.activationBytes, 10 * Double(8 + 16 + 3) * 4 * 2)
        let context = DecodingContext()
        ProtocolDecoder(context: context).checkMemory(of: benchmark, document: try JSONParser.parse(SampleProtocol.json()),
                                                      available: estimate.total - 1)
        XCTAssertEqual(context.issues.map(\.path), ["tasks[0]"])
    }

    /// A named pipe is read like a file (`dlbench run <(generate)`); a directory says so.
    func testProtocolsCanComeFromAPipe() throws {
        let fifo = NSTemporaryDirectory() + "dlbench-protocol-\(UUID().uuidString).fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        defer { unlink(fifo) }
        let text = SampleProtocol.json()
        let writer = Thread {
            if let handle = FileHandle(forWritingAtPath: fifo) { handle.write(Data(text.utf8)); try? handle.close() }
        }
        writer.start()
        let (benchmark, read) = try ProtocolLoader.loadWithText(contentsOf: URL(fileURLWithPath: fifo))
        XCTAssertEqual(benchmark.name, "sample")
        XCTAssertEqual(read, text)
        XCTAssertThrowsError(try ProtocolLoader.load(path: NSTemporaryDirectory())) { error in
            XCTAssertTrue("\(error)".contains("it is a directory, not a file"), "\(error)")
        }
    }
}
