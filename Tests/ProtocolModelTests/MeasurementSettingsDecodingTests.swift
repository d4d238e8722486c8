import XCTest
@testable import ProtocolModel

/// The repetition policy, inference scenarios and training targets decode to the documented values.
final class MeasurementSettingsDecodingTests: XCTestCase {
    private func decode(_ text: String) throws -> BenchmarkProtocol {
        try ProtocolLoader.decode(text, file: "test.json")
    }

    func testRepetitionDefaultsAreTheAdaptiveTrialLevelRule() throws {
        let policy = try decode(SampleProtocol.json()).repetition
        XCTAssertEqual(policy, RepetitionPolicy.adaptive())
        XCTAssertEqual(policy.minTrials, 8)
        XCTAssertEqual(policy.maxTrials, 40)
        XCTAssertEqual(policy.targetRelativeCIWidth, 0.05)
        XCTAssertEqual(policy.maxSecondsPerCase, 60)
        XCTAssertNil(policy.maxDurationSeconds)
        XCTAssertEqual(policy.caseTimeoutSeconds, RepetitionPolicy.defaultCaseTimeoutSeconds)
        XCTAssertFalse(policy.warmupUntilStable)
    }

    func testAFixedTrialCountAloneKeepsItsMeaning() throws {
        let policy = try decode(SampleProtocol.json(extra: #""repetition": { "trials": 5 }"#)).repetition
        XCTAssertEqual(policy.minTrials, 5)
        XCTAssertEqual(policy.maxTrials, 5)
        XCTAssertNil(policy.targetRelativeCIWidth)
        XCTAssertNil(policy.maxSecondsPerCase)
    }

    func testStoppingRuleKeysDecode() throws {
        let policy = try decode(SampleProtocol.json(extra: """
            "repetition": { "minTrials": 4, "maxTrials": 40, "targetRelativeCIWidth": 0.02, "maxDurationSeconds": 90,
                            "caseTimeoutSeconds": 30, "warmupUntilStable": true, "warmupStabilityTolerance": 0.1,
                            "maxWarmupSteps": 200, "noiseWarningCV": 0.2 }
            """)).repetition
        XCTAssertEqual(policy, RepetitionPolicy(
            warmupSteps: 3, trials: 4, minTrials: 4, maxTrials: 40, warmupUntilStable: true,
            warmupStabilityTolerance: 0.1, maxWarmupSteps: 200, maxDurationSeconds: 90, targetRelativeCIWidth: 0.02,
            caseTimeoutSeconds: 30, noiseWarningCV: 0.2, maxSecondsPerCase: 60))
    }

    func testMaxTrialsBelowTheNominalCountLowersTheMinimum() throws {
        let policy = try decode(SampleProtocol.json(extra: #""repetition": { "maxTrials": 2 }"#)).repetition
        XCTAssertEqual(policy.minTrials, 2)
        XCTAssertEqual(policy.maxTrials, 2)
    }

    func testMinTrialsAboveMaxTrialsIsRejected() {
        assertSingleIssue(SampleProtocol.json(extra: #""repetition": { "minTrials": 9, "maxTrials": 3 }"#),
                          path: "repetition.minTrials", contains: ["expected minTrials ≤ maxTrials (3), found 9"])
    }

    func testInferTaskWithoutScenarioIsSingleStream() throws {
        let task = try decode(SampleProtocol.withTask(
            #""kind": "infer", "model": "mlp-small", "dataset": "blobs", "batchSizes": [1]"#)).tasks[0]
        XCTAssertEqual(task.workload, .infer(InferSpec(batchSizes: [1], iterations: 100, scenario: .singleStream)))
    }

    func testServerScenarioDecodesItsSettings() throws {
        let task = try decode(SampleProtocol.withTask("""
            "kind": "infer", "model": "mlp-small", "dataset": "blobs", "batchSizes": [1], "scenario": "server",
            "targetRate": 250, "latencyBoundMs": 4, "searchHighestRate": true, "minDurationSeconds": 2
            """)).tasks[0]
        XCTAssertEqual(task.workload, .infer(InferSpec(
            batchSizes: [1], iterations: 100, scenario: .server, minDurationSeconds: 2,
            server: ServerSettings(targetRate: 250, latencyBoundMilliseconds: 4, searchHighestRate: true))))
    }

    func testServerScenarioWithoutLatencyBoundIsRejected() {
        assertSingleIssue(SampleProtocol.withTask("""
            "kind": "infer", "model": "mlp-small", "dataset": "blobs", "batchSizes": [1], "scenario": "server",
            "targetRate": 250
            """), path: "tasks[0]", contains: ["missing required key \"latencyBoundMs\""])
    }

    func testServerKeysOnOfflineScenarioAreRejected() {
        assertSingleIssue(SampleProtocol.withTask("""
            "kind": "infer", "model": "mlp-small", "dataset": "blobs", "batchSizes": [8], "scenario": "offline",
            "latencyBoundMs": 4
            """), path: "tasks[0].latencyBoundMs", contains: ["applies only to scenario 'server'"])
    }

    func testTrainingTargetDecodes() throws {
        let task = try decode(SampleProtocol.withTask("""
            "kind": "train", "model": "mlp-small", "dataset": "blobs", "batchSize": 10, "steps": 50,
            "optimizer": { "kind": "sgd", "lr": 0.1 }, "target": { "metric": "test_accuracy", "value": 0.9, "evaluateEvery": 5 }
            """)).tasks[0]
        guard case let .train(spec) = task.workload else { return XCTFail("not a train task") }
        XCTAssertEqual(spec.target, QualityTarget(metric: .testAccuracy, value: 0.9, evaluateEvery: 5))
    }

    func testTargetWithUnknownMetricSuggestsTheClosest() {
        assertSingleIssue(SampleProtocol.withTask("""
            "kind": "train", "model": "mlp-small", "dataset": "blobs", "batchSize": 10, "steps": 50,
            "optimizer": { "kind": "sgd", "lr": 0.1 }, "target": { "metric": "test_acuracy", "value": 0.9, "evaluateEvery": 5 }
            """), path: "tasks[0].target.metric", contains: ["test_accuracy"])
    }
}
