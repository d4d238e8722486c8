import XCTest
@testable import ProtocolModel

final class NameAndReferenceTests: XCTestCase {
    func testMisspeltModelReferenceSuggestsTheDefinedModel() {
        assertSingleIssue(
            SampleProtocol.withTask(#""kind": "infer", "model": "mlp-smal", "dataset": "blobs", "batchSizes": [1]"#),
            path: "tasks[0].model",
            contains: ["undefined model \"mlp-smal\"", "expected the name of a model defined in 'models' ('mlp-small')",
                       "did you mean 'mlp-small'?"])
    }

    func testUndefinedDatasetReference() {
        assertSingleIssue(
            SampleProtocol.withTask(#""kind": "infer", "model": "mlp-small", "dataset": "mnist", "batchSizes": [1]"#),
            path: "tasks[0].dataset", contains: ["undefined dataset \"mnist\"", "defined in 'datasets' ('blobs')"])
    }

    func testUndefinedEngineAndMachineInTaskSubsets() {
        let error = decodingError(SampleProtocol.withTask(
            #""kind": "infer", "model": "mlp-small", "dataset": "blobs", "batchSizes": [1], "engines": ["eagr"], "machines": ["one-thread", "8-threads"]"#))
        XCTAssertEqual(error.issues.map(\.path), ["tasks[0].engines[0]", "tasks[0].machines[1]"])
        XCTAssertTrue(error.issues[0].message.contains("undefined engine \"eagr\"; expected the name of an engine defined in 'engines'"))
        XCTAssertTrue(error.issues[0].message.contains("did you mean 'eager'?"))
        XCTAssertTrue(error.issues[1].message.contains("('one-thread', 'four-threads')"))
    }

    func testDuplicateNamesWithinASection() {
        assertSingleIssue(
            SampleProtocol.json(machines: #"[{ "name": "m" }, { "name": "n" }, { "name": "m", "threads": 2 }]"#),
            path: "machines[2].name",
            contains: ["duplicate machine name \"m\"", "expected a name not used by another machine", "machines[0]"])
        assertSingleIssue(
            SampleProtocol.json(tasks: "[\(SampleProtocol.trainTask), \(SampleProtocol.trainTask)]"),
            path: "tasks[1].name", contains: ["duplicate task name \"train\""])
    }

    func testDuplicateEngineInTaskSubset() {
        assertSingleIssue(
            SampleProtocol.withTask(#""kind": "infer", "model": "mlp-small", "dataset": "blobs", "batchSizes": [1], "engines": ["eager", "eager"]"#),
            path: "tasks[0].engines[1]", contains: ["expected no duplicates in engine names, found \"eager\" again"])
    }

    func testReferenceToAnEntryWithOtherErrorsIsNotAlsoUndefined() {
        let error = decodingError(SampleProtocol.json(models: #"[{ "name": "mlp-small", "kind": "mlp", "hidden": [0] }]"#))
        XCTAssertEqual(error.issues.map(\.path), ["models[0].hidden[0]"])
    }
}
