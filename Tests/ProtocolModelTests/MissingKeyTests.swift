import XCTest
@testable import ProtocolModel

final class MissingKeyTests: XCTestCase {
    func testMissingLearningRateNamesKeyAndExpectation() {
        let issue = assertSingleIssue(
            SampleProtocol.withOptimizer(#"{ "kind": "sgd" }"#),
            path: "tasks[0].optimizer", contains: ["missing required key \"lr\" (expected a number > 0)"])
        XCTAssertEqual(issue?.line, 7)
    }

    func testMissingTopLevelName() {
        let text = SampleProtocol.json().replacingOccurrences(of: #""name": "sample","#, with: "")
        assertSingleIssue(text, path: "", contains: ["missing required key \"name\" (expected a non-empty string)"])
    }

    func testMissingSection() {
        let text = #"{ "name": "x", "machines": [{ "name": "m" }], "datasets": \#(SampleProtocol.datasets), "models": \#(SampleProtocol.models), "tasks": \#(SampleProtocol.tasks) }"#
        assertSingleIssue(text, path: "", contains: ["missing required key \"engines\" (expected a non-empty array of engine objects)"])
    }

    func testMissingModelHidden() {
        assertSingleIssue(
            SampleProtocol.json(models: #"[{ "name": "mlp-small", "kind": "mlp" }]"#),
            path: "models[0]", contains: ["missing required key \"hidden\""])
    }

    func testMissingTaskKindListsTheKinds() {
        assertSingleIssue(
            SampleProtocol.withTask(#""model": "mlp-small", "dataset": "blobs", "batchSize": 4, "steps": 1, "optimizer": { "kind": "sgd", "lr": 1 }"#),
            path: "tasks[0]", contains: ["missing required key \"kind\" (expected one of 'train', 'infer')"])
    }
}
