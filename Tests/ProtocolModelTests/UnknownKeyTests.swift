import XCTest
@testable import ProtocolModel

final class UnknownKeyTests: XCTestCase {
    func testSwiftFieldNameForLearningRateSuggestsTheJSONKeyLr() {
        assertSingleIssue(
            SampleProtocol.withOptimizer(#"{ "kind": "sgd", "lr": 0.1, "learningRate": 0.1 }"#),
            path: "tasks[0].optimizer.learningRate",
            contains: ["unknown key \"learningRate\"", "expected one of 'kind', 'lr', 'momentum', 'nesterov', 'weightDecay'", "did you mean 'lr'?"])
    }

    func testMisspeltKeySuggestsTheClosestAllowedKey() {
        assertSingleIssue(
            SampleProtocol.json(extra: #""repetition": { "trails": 5 }"#),
            path: "repetition.trails",
            contains: ["unknown key \"trails\"", "'warmupSteps',", "'trials', 'minTrials'", "did you mean 'trials'?"])
    }

    func testSnakeCaseKeySuggestsTheCamelCaseKey() {
        assertSingleIssue(
            SampleProtocol.withTask(#""kind": "train", "model": "mlp-small", "dataset": "blobs", "batch_size": 10, "batchSize": 10, "steps": 1, "optimizer": { "kind": "sgd", "lr": 1 }"#),
            path: "tasks[0].batch_size",
            contains: ["unknown key \"batch_size\"", "did you mean 'batchSize'?"])
    }

    func testKeyOfTheOtherOptimizerKindIsRejected() {
        assertSingleIssue(
            SampleProtocol.withOptimizer(#"{ "kind": "adam", "lr": 0.1, "momentum": 0.9 }"#),
            path: "tasks[0].optimizer.momentum",
            contains: ["unknown key \"momentum\"", "'kind', 'lr', 'beta1', 'beta2', 'epsilon', 'weightDecay'"])
    }

    func testInferKeyInTrainTaskIsRejected() {
        assertSingleIssue(
            SampleProtocol.withTask(#""kind": "train", "model": "mlp-small", "dataset": "blobs", "batchSize": 4, "steps": 1, "iterations": 3, "optimizer": { "kind": "sgd", "lr": 1 }"#),
            path: "tasks[0].iterations",
            contains: ["unknown key \"iterations\"", "'batchSize', 'steps', 'epochs', 'optimizer'"])
    }

    func testUnknownTopLevelKeyWithoutCloseMatchHasNoSuggestion() {
        let issue = assertSingleIssue(
            SampleProtocol.json(extra: #""zzzz": 1"#), path: "zzzz", contains: ["unknown key \"zzzz\"", "'$schema', 'name'"])
        XCTAssertFalse(issue?.message.contains("did you mean") ?? true)
    }
}
