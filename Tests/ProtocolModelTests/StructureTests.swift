import XCTest
@testable import ProtocolModel

final class StructureTests: XCTestCase {
    func testDuplicateObjectKeyIsRejected() {
        let text = SampleProtocol.json(extra: #""seed": 1, "seed": 2"#)
        let issue = assertSingleIssue(text, path: "seed", contains: ["duplicate key \"seed\"", "expected each key at most once", "first at line 8"])
        XCTAssertEqual(issue?.line, 8)
    }

    func testEmptyMachinesEnginesAndTasksAreRejected() {
        assertSingleIssue(SampleProtocol.json(machines: "[]"), path: "machines",
                          contains: ["expected a non-empty array of machine objects, found an empty array"])
        assertSingleIssue(SampleProtocol.json(engines: "[]"), path: "engines",
                          contains: ["expected a non-empty array of engine objects, found an empty array"])
        // An empty task list leaves nothing to reference, so it is the only issue.
        assertSingleIssue(SampleProtocol.json(tasks: "[]"), path: "tasks",
                          contains: ["expected a non-empty array of task objects, found an empty array"])
    }

    func testEmptyAndDuplicateBatchSizesAreRejected() {
        assertSingleIssue(
            SampleProtocol.withTask(#""kind": "infer", "model": "mlp-small", "dataset": "blobs", "batchSizes": []"#),
            path: "tasks[0].batchSizes", contains: ["expected a non-empty array of batch sizes (integers ≥ 1), found an empty array"])
        assertSingleIssue(
            SampleProtocol.withTask(#""kind": "infer", "model": "mlp-small", "dataset": "blobs", "batchSizes": [8, 1, 8]"#),
            path: "tasks[0].batchSizes[2]", contains: ["found 8 again (first at tasks[0].batchSizes[0])"])
    }

    func testSectionEntryMustBeAnObject() {
        assertSingleIssue(SampleProtocol.json(engines: #"["eager"]"#), path: "engines[0]",
                          contains: ["expected an object, found the string \"eager\""])
    }
}
