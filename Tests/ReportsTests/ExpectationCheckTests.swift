import XCTest
import Measurement
import ProtocolModel
@testable import Reports

final class ExpectationCheckTests: XCTestCase {
    private func rows(fusedMedian: Double) -> [ReportRow] {
        [GateSimulation.row(engine: "eager", trials: GateSimulation.trials(6, median: 10, trialSpread: 0.03, seed: 1)),
         GateSimulation.row(engine: "fused", trials: GateSimulation.trials(6, median: fusedMedian, trialSpread: 0.03, seed: 2))]
    }

    func testAnExpectationThatHoldsPassesWithItsSpeedup() throws {
        let expectation = PerformanceExpectation(task: "train", engine: "fused", baseline: "eager", atLeastFaster: 1.3)
        let outcomes = ExpectationCheck.evaluate([expectation], rows: rows(fusedMedian: 6.5))
        XCTAssertEqual(outcomes.count, 1)
        XCTAssertTrue(outcomes[0].passed)
        XCTAssertEqual(try XCTUnwrap(outcomes[0].speedup), 10 / 6.5, accuracy: 0.05)
    }

    func testAViolatedExpectationFailsTheGateWithTheFiguresThatFailedIt() {
        let expectation = PerformanceExpectation(task: "train", engine: "fused", baseline: "eager", atMostSlower: 1.5)
        let result = RegressionGate.gate(ExpectationCheck.evaluate([expectation], rows: rows(fusedMedian: 20)))
        XCTAssertFalse(result.passed)
        let line = result.failures.first ?? ""
        XCTAssertTrue(line.contains("fused at most 1.5× slower than eager"), line)
        XCTAssertTrue(line.contains("required ≥ 0.667×") && line.contains("speedup 0.5"), line)
    }

    func testAShortfallTheTrialsCannotConfirmIsInconclusive() {
        let expectation = PerformanceExpectation(task: "train", engine: "fused", baseline: "eager", atLeastFaster: 1.3)
        func trials(_ medians: [Double]) -> [TrialSamples] {
            medians.enumerated().map { TrialSamples(trial: $0.offset, values: [$0.element, $0.element * 1.01]) }
        }
        // Speedup about 1.18 from three noisy trials each: short of 1.3, but the interval reaches it.
        let noisy = [GateSimulation.row(engine: "eager", trials: trials([10, 11.5, 9])),
                     GateSimulation.row(engine: "fused", trials: trials([8.8, 7.6, 9.4]))]
        let outcome = ExpectationCheck.evaluate([expectation], rows: noisy)[0]
        XCTAssertLessThan(try XCTUnwrap(outcome.speedup), 1.3)
        XCTAssertEqual(outcome.verdict, .inconclusive)
        let result = RegressionGate.gate([outcome])
        XCTAssertTrue(result.passed)
        XCTAssertFalse(RegressionGate.gate([outcome], inconclusive: .fail).passed)
    }

    func testAFailedCaseFailsItsExpectation() {
        var failed = GateSimulation.row(engine: "fused", trials: [])
        failed.metric = ""
        failed.caseStatus = "failed"
        failed.message = "worker crashed"
        let expectation = PerformanceExpectation(task: "train", engine: "fused", baseline: "eager", atMostSlower: 1.5)
        let outcomes = ExpectationCheck.evaluate([expectation], rows: [rows(fusedMedian: 5)[0], failed])
        XCTAssertFalse(outcomes[0].passed)
        XCTAssertEqual(outcomes[0].problem, "fused failed: worker crashed")
    }

    func testExpectationsDecodeFromAStoredProtocolText() throws {
        let text = """
            { "name": "p", "machines": [{ "name": "m" }],
              "datasets": [{ "name": "d", "kind": "gaussian-clusters", "features": 2, "classes": 2, "trainSamples": 8, "testSamples": 4 }],
              "models": [{ "name": "mlp", "kind": "mlp", "hidden": [4] }],
              "engines": [{ "name": "eager", "kind": "eager" }, { "name": "fused", "kind": "fused" }],
              "tasks": [{ "name": "train", "kind": "train", "model": "mlp", "dataset": "d", "batchSize": 2, "steps": 1,
                          "optimizer": { "kind": "sgd", "lr": 0.1 } }],
              "expectations": [{ "task": "train", "engine": "fused", "baseline": "eager", "atLeastFaster": 1.2 }] }
            """
        let expectations = try ExpectationCheck.expectations(protocolText: text, protocolPath: "p.json")
        XCTAssertEqual(expectations, [PerformanceExpectation(task: "train", engine: "fused", baseline: "eager", atLeastFaster: 1.2)])
        XCTAssertEqual(expectations[0].minimumSpeedup, 1.2)
    }
}
