import XCTest
import ProtocolModel
@testable import Reports

final class RegressionGateTests: XCTestCase {
    func testAnInjectedTwentyPercentSlowdownFailsTheGateNamingTheCaseAndFigures() {
        let result = RegressionGate.gate(GateSimulation.comparison(seed: 11, slowdown: 1.2))
        XCTAssertFalse(result.passed)
        XCTAssertEqual(result.failures.count, 2)  // step time up and throughput down
        let stepTime = result.failures.first { $0.contains("step_time") } ?? ""
        XCTAssertTrue(stepTime.contains("train/eager/ci/b64"), stepTime)
        XCTAssertTrue(stepTime.contains("slower") && stepTime.contains("p = ") && stepTime.contains("95% CI"), stepTime)
        XCTAssertTrue(result.failures.contains { $0.contains("samples_per_second") && $0.contains("worse") })
    }

    func testAnAToAComparisonOfTheSameBuildPasses() {
        let result = RegressionGate.gate(GateSimulation.comparison(seed: 11))
        XCTAssertTrue(result.passed, result.failures.joined(separator: "\n"))
        XCTAssertEqual(result.passes.count, 2)
    }

    /// The number behind docs/regression-gate.md: over 1000 simulated A/A pairs (30 log-normal samples per
    /// side, 5% spread) the gate must almost never fire; it needs p < 0.01 and a change beyond 5%.
    func testFalseAlarmRateOverAThousandSimulatedAToARunsIsBelowOnePercent() {
        let settings = ComparisonSettings(resamples: 100)
        var alarms = 0
        var significantOnly = 0
        for seed in 1...1000 {
            let comparison = GateSimulation.comparison(seed: UInt64(seed), settings: settings)
            if !RegressionGate.gate(comparison).passed { alarms += 1 }
            if comparison.rows.contains(where: { ($0.comparison.pValue ?? 1) < settings.significanceLevel }) {
                significantOnly += 1
            }
        }
        print("A/A false alarms: \(alarms)/1000 gate, \(significantOnly)/1000 with p < 0.01 alone")
        XCTAssertLessThan(alarms, 10)
    }

    func testAChangeWithinThePracticalThresholdIsNotARegressionEvenWhenSignificant() {
        let comparison = GateSimulation.comparison(seed: 3, slowdown: 1.03, count: 2000, spread: 0.02)
        XCTAssertLessThan(comparison.rows[0].comparison.pValue ?? 1, 0.01)
        XCTAssertEqual(comparison.rows[0].comparison.verdict, .same)
        XCTAssertTrue(RegressionGate.gate(comparison).passed)
    }

    func testAPerMetricThresholdOverridesTheDefault() {
        let settings = ComparisonSettings(metricThresholds: ["step_time": 0.5, "samples_per_second": 0.5])
        XCTAssertTrue(RegressionGate.gate(GateSimulation.comparison(seed: 11, slowdown: 1.2, settings: settings)).passed)
    }

    func testThroughputPolarityMakesAHigherValueAnImprovement() {
        let comparison = GateSimulation.comparison(seed: 5, slowdown: 0.8)
        XCTAssertEqual(comparison.rows.map(\.comparison.verdict), [.faster, .faster])
        XCTAssertGreaterThan(comparison.geometricMeans.last?.speedup ?? 0, 1.2)
    }

    func testThresholdsAreReadAsPercentOrFraction() throws {
        XCTAssertEqual(try ThresholdParsing.fraction("5%"), 0.05, accuracy: 1e-12)
        XCTAssertEqual(try ThresholdParsing.fraction("0.1"), 0.1)
        XCTAssertEqual(try ThresholdParsing.metricThreshold("step_time=10%").threshold, 0.1, accuracy: 1e-12)
        XCTAssertThrowsError(try ThresholdParsing.metricThreshold("step_tme=10%"))
        XCTAssertThrowsError(try ThresholdParsing.fraction("fast"))
    }
}
