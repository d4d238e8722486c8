import XCTest
@testable import ProtocolModel

final class RangeTests: XCTestCase {
    func testNegativeLearningRateReportsExpectedAndFound() {
        let text = SampleProtocol.withOptimizer(#"{ "kind": "sgd", "lr": -0.1 }"#)
        let issue = assertSingleIssue(text, path: "tasks[0].optimizer.lr", contains: ["expected a number > 0, found -0.1"])
        let lines = text.components(separatedBy: "\n")
        let lineIndex = lines.firstIndex { $0.contains("-0.1") } ?? 0
        let column = lines[lineIndex].range(of: "-0.1").map { lines[lineIndex].distance(from: lines[lineIndex].startIndex, to: $0.lowerBound) + 1 }
        XCTAssertEqual(issue?.line, lineIndex + 1)
        XCTAssertEqual(issue?.column, column)
    }

    func testZeroBatchSizeIsBelowTheMinimum() {
        assertSingleIssue(
            SampleProtocol.withTask(#""kind": "train", "model": "mlp-small", "dataset": "blobs", "batchSize": 0, "steps": 1, "optimizer": { "kind": "sgd", "lr": 1 }"#),
            path: "tasks[0].batchSize", contains: ["expected an integer between 1 and 1048576, found 0"])
    }

    func testThreadsAboveTheMaximum() {
        assertSingleIssue(
            SampleProtocol.json(machines: #"[{ "name": "m", "threads": 257 }]"#),
            path: "machines[0].threads", contains: ["expected an integer between 1 and 256, found 257"])
    }

    func testMomentumOfOneIsOutsideTheHalfOpenInterval() {
        assertSingleIssue(
            SampleProtocol.withOptimizer(#"{ "kind": "sgd", "lr": 1, "momentum": 1 }"#),
            path: "tasks[0].optimizer.momentum", contains: ["expected a number ≥ 0 and < 1, found 1"])
    }

    func testDatasetLimits() {
        assertSingleIssue(
            SampleProtocol.json(datasets: #"[{ "name": "blobs", "kind": "gaussian-clusters", "features": 8, "classes": 1, "trainSamples": 100, "testSamples": 20 }]"#),
            path: "datasets[0].classes", contains: ["expected an integer between 2 and 10000, found 1"])
        assertSingleIssue(
            SampleProtocol.json(datasets: #"[{ "name": "blobs", "kind": "gaussian-clusters", "features": 8, "classes": 2, "trainSamples": 100, "testSamples": 20, "noise": -1 }]"#),
            path: "datasets[0].noise", contains: ["expected a number ≥ 0, found -1"])
    }

    func testNegativeAndOversizedSeedsAreRejected() {
        assertSingleIssue(SampleProtocol.json(extra: #""seed": -1"#), path: "seed",
                          contains: ["expected an integer between 0 and 18446744073709551615, found -1"])
        assertSingleIssue(SampleProtocol.json(extra: #""seed": 18446744073709551616"#), path: "seed",
                          contains: ["found 18446744073709551616"])
    }

    func testRepetitionLimits() {
        assertSingleIssue(SampleProtocol.json(extra: #""repetition": { "trials": 0 }"#), path: "repetition.trials",
                          contains: ["expected an integer between 1 and 1000, found 0"])
        assertSingleIssue(SampleProtocol.json(extra: #""repetition": { "warmupSteps": -1 }"#), path: "repetition.warmupSteps",
                          contains: ["expected an integer between 0 and 10000000, found -1"])
    }

    func testZeroHiddenWidthIsRejected() {
        assertSingleIssue(
            SampleProtocol.json(models: #"[{ "name": "mlp-small", "kind": "mlp", "hidden": [16, 0] }]"#),
            path: "models[0].hidden[1]", contains: ["expected an integer between 1 and 65536, found 0"])
    }
}
