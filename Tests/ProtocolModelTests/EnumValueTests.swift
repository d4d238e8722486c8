import XCTest
@testable import ProtocolModel

final class EnumValueTests: XCTestCase {
    func testUnknownOptimizerKindListsAllowedValuesAndSuggests() {
        assertSingleIssue(
            SampleProtocol.withOptimizer(#"{ "kind": "sgdd", "lr": 1 }"#),
            path: "tasks[0].optimizer.kind",
            contains: ["expected one of 'sgd', 'adam', 'adamw', found the string \"sgdd\"", "did you mean 'sgd'?"])
    }

    func testUnknownDeviceWithoutCloseMatch() {
        let issue = assertSingleIssue(
            SampleProtocol.json(machines: #"[{ "name": "m", "device": "fpga" }]"#),
            path: "machines[0].device", contains: ["expected one of 'cpu', 'gpu', 'any', found the string \"fpga\""])
        XCTAssertFalse(issue?.message.contains("did you mean") ?? true)
    }

    func testLongerSpellingOfAKindSuggestsTheKind() {
        assertSingleIssue(
            SampleProtocol.withTask(#""kind": "training", "model": "mlp-small", "dataset": "blobs", "batchSize": 4, "steps": 1, "optimizer": { "kind": "sgd", "lr": 1 }"#),
            path: "tasks[0].kind", contains: ["expected one of 'train', 'infer', found the string \"training\"", "did you mean 'train'?"])
    }

    func testUnknownDatasetKindSuggestsTheHyphenatedName() {
        assertSingleIssue(
            SampleProtocol.json(datasets: #"[{ "name": "blobs", "kind": "gaussian_clusters", "features": 8, "classes": 3, "trainSamples": 100, "testSamples": 20 }]"#),
            path: "datasets[0].kind", contains: ["expected one of 'gaussian-clusters'", "did you mean 'gaussian-clusters'?"])
    }

    func testUnknownMetricSuggestsTheClosestMetric() {
        assertSingleIssue(
            SampleProtocol.json(extra: #""metrics": ["step_time", "stepTime"]"#),
            path: "metrics[1]", contains: ["found the string \"stepTime\"", "did you mean 'step_time'?"])
    }

    func testDuplicateMetricIsRejected() {
        assertSingleIssue(
            SampleProtocol.json(extra: #""metrics": ["latency", "latency"]"#),
            path: "metrics[1]", contains: ["expected no duplicates in metric names, found 'latency' again (first at metrics[0])"])
    }

    func testOpenCLEngineKindIsAcceptedWithADeviceMachine() throws {
        let text = SampleProtocol.json(engines: #"[{ "name": "eager", "kind": "eager" }, { "name": "gpu", "kind": "opencl" }]"#)
        let decoded = try ProtocolLoader.decode(text, file: "opencl.json")
        XCTAssertEqual(decoded.engines.map(\.kind), [.eager, .opencl])
    }

    func testMachineDeviceFilterAndFallbackDecode() throws {
        let text = SampleProtocol.json(machines: #"[{ "name": "one-thread" }, { "name": "four-threads", "threads": 4 }, { "name": "h100", "device": "gpu", "deviceFilter": "H100", "fallback": "skip" }]"#)
        let machine = try XCTUnwrap(ProtocolLoader.decode(text, file: "gpu.json").machine(named: "h100"))
        XCTAssertEqual(machine.deviceFilter, "H100")
        XCTAssertEqual(machine.fallback, .skip)
        XCTAssertEqual(MachineSpec(name: "default").fallback, .fail, "a missing device fails the case unless told to skip")
    }

    func testUnknownDeviceFallbackIsAnEnumError() {
        let text = SampleProtocol.json(machines: #"[{ "name": "one-thread" }, { "name": "four-threads", "threads": 4 }, { "name": "g", "device": "gpu", "fallback": "ignore" }]"#)
        assertSingleIssue(text, path: "machines[2].fallback", contains: ["expected one of 'fail', 'skip'"])
    }

    func testUnknownEngineKindIsAnEnumError() {
        assertSingleIssue(
            SampleProtocol.json(engines: #"[{ "name": "e", "kind": "eagre" }]"#),
            path: "engines[0].kind", contains: ["expected one of 'eager', 'traced', 'fused', 'opencl'", "did you mean 'eager'?"])
    }
}
