import XCTest
@testable import ProtocolModel

final class TypeMismatchTests: XCTestCase {
    func testStringWhereIntegerExpectedNamesBoth() {
        assertSingleIssue(
            SampleProtocol.withTask(#""kind": "train", "model": "mlp-small", "dataset": "blobs", "batchSize": "12", "steps": 1, "optimizer": { "kind": "sgd", "lr": 1 }"#),
            path: "tasks[0].batchSize",
            contains: ["expected an integer between 1 and 1048576, found the string \"12\""])
    }

    func testNonIntegerNumberWhereIntegerExpected() {
        assertSingleIssue(
            SampleProtocol.json(machines: #"[{ "name": "m", "threads": 2.5 }]"#),
            path: "machines[0].threads",
            contains: ["expected an integer between 1 and 256, found the non-integer number 2.5"])
    }

    func testBooleanWhereStringExpected() {
        assertSingleIssue(
            SampleProtocol.json(extra: #""description": true"#), path: "description", contains: ["expected a string, found true"])
    }

    func testStringWhereBooleanExpected() {
        assertSingleIssue(
            SampleProtocol.withOptimizer(#"{ "kind": "sgd", "lr": 1, "nesterov": "yes" }"#),
            path: "tasks[0].optimizer.nesterov",
            contains: ["expected true or false, found the string \"yes\""])
    }

    func testObjectWhereArrayExpected() {
        assertSingleIssue(
            SampleProtocol.json(engines: #"{ "name": "eager", "kind": "eager" }"#),
            path: "engines", contains: ["expected a non-empty array of engine objects, found an object"])
    }

    func testNullWhereNumberExpected() {
        assertSingleIssue(
            SampleProtocol.withOptimizer(#"{ "kind": "sgd", "lr": null }"#),
            path: "tasks[0].optimizer.lr", contains: ["expected a number > 0, found null"])
    }

    func testTopLevelArrayIsRejected() {
        let error = decodingError("[1]")
        XCTAssertEqual(error.issues.map(\.message), ["expected a protocol object, found an array"])
        XCTAssertEqual(error.issues.first?.line, 1)
    }

    func testEmptyNameIsRejected() {
        assertSingleIssue(SampleProtocol.json(name: #""""#), path: "name", contains: ["expected a non-empty string, found the string \"\""])
    }
}
