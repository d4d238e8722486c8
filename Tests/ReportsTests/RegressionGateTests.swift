import XCTest
import Measurement
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
        XCTAssertTrue(stepTime.contains("independent trials 10×100 vs 10×100"), stepTime)
        XCTAssertTrue(result.failures.contains { $0.contains("samples_per_second") && $0.contains("worse") })
    }

    func testAnAToAComparisonOfTheSameBuildPasses() {
        let result = RegressionGate.gate(GateSimulation.comparison(seed: 11))
        XCTAssertTrue(result.passed, result.failures.joined(separator: "\n"))
        XCTAssertEqual(result.checkCount, 2)
    }

    /// Thousands of steps per trial do not make three trials a verdict: correlated steps are not evidence.
    func testThreeTrialsOfManyStepsAreInconclusiveNotARegression() {
        let comparison = GateSimulation.comparison(seed: 4, slowdown: 1.08, trials: 3, steps: 2000, trialSpread: 0.08,
                                                   settings: ComparisonSettings(runSpread: 0))
        let row = comparison.rows[0].comparison
        XCTAssertEqual(row.verdict, .inconclusive)
        XCTAssertGreaterThan(row.trialsNeeded ?? 0, 3)
        let result = RegressionGate.gate(comparison)
        XCTAssertTrue(result.passed, "inconclusive passes by default")
        XCTAssertTrue(result.rendered(verbose: false).contains("inconclusive"), result.rendered(verbose: false))
        XCTAssertTrue(result.inconclusive[0].contains("trials per side would decide it"), result.inconclusive[0])
        XCTAssertFalse(RegressionGate.gate(comparison, inconclusive: .fail).passed)
    }

    /// Separate runs drift apart as wholes (here 3.5% per run, as measured on the development machine): without
    /// the run-to-run term, 40 trials a side make that drift look significant; with it, the gate stays quiet.
    func testRunToRunDriftIsNotARegressionAtTheDefaultRunSpread() {
        var generator = SplitMix64(seed: 99)
        func run(_ salt: UInt64) -> [ReportRow] {
            let drift = exp(0.035 * GateSimulation.normal(&generator))
            return [GateSimulation.row(trials: GateSimulation.trials(40, steps: 20, median: 10 * drift, trialSpread: 0.05,
                                                                     seed: salt))]
        }
        var alarms = (default: 0, without: 0)
        for pair in 0..<300 {
            let (first, second) = (run(UInt64(pair) * 2), run(UInt64(pair) * 2 + 1))
            if !RegressionGate.gate(RunComparison(baseline: first, candidate: second)).passed { alarms.default += 1 }
            let ignoring = ComparisonSettings(runSpread: 0)
            if !RegressionGate.gate(RunComparison(baseline: first, candidate: second, settings: ignoring)).passed {
                alarms.without += 1
            }
        }
        XCTAssertLessThanOrEqual(alarms.default, 3, "≤ 1% of 300 pairs")
        XCTAssertGreaterThan(alarms.without, 3 * alarms.default + 5, "the drift is what the term is for")
        let within = GateSimulation.comparison(seed: 8, slowdown: 1.2, trials: 40)
        XCTAssertEqual(within.rows[0].comparison.runSpread, ComparisonSettings.defaultRunSpread)
        XCTAssertFalse(RegressionGate.gate(within).passed, "a 20% slowdown still fails across runs")
    }

    func testAFailedCandidateCaseFailsTheGateWithItsReason() {
        let baseline = [GateSimulation.row(trials: GateSimulation.trials(5, median: 10, trialSpread: 0.03, seed: 1))]
        var failed = ReportRow(runID: 2, machine: "ci", task: "train", taskKind: "train", engine: "eager", model: "mlp",
                               dataset: "d", batchSize: 64, metric: "", unit: "", n: 0, median: nil, p10: nil, p90: nil,
                               mean: nil, min: nil, max: nil, caseStatus: "failed",
                               message: "trial 1: timeout: no answer within 600 s")
        failed.machineIdentity = "identity"
        let result = RegressionGate.gate(RunComparison(baseline: baseline, candidate: [failed]))
        XCTAssertFalse(result.passed)
        XCTAssertTrue(result.failures[0].contains("failed: trial 1: timeout"), result.failures[0])
        let nothing = RegressionGate.gate(RunComparison(baseline: baseline, candidate: []))
        XCTAssertTrue(nothing.failures[0].contains("did not run"), nothing.failures[0])
    }

    func testZeroChecksNeverPass() {
        let result = RegressionGate.gate(RunComparison(baseline: [], candidate: []))
        XCTAssertFalse(result.passed)
        XCTAssertTrue(result.rendered(verbose: false).contains("nothing was checked"))
    }

    func testAChangeWithinThePracticalThresholdIsNotARegressionEvenWhenSignificant() {
        // As for two engines of one run: no run-to-run term.
        let comparison = GateSimulation.comparison(seed: 3, slowdown: 1.03, trials: 40, trialSpread: 0.01,
                                                   settings: ComparisonSettings(runSpread: 0))
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

    func testUnknownFilterValuesAreUsageErrorsWithASuggestion() {
        let rows = [GateSimulation.row(trials: GateSimulation.trials(3, median: 1, trialSpread: 0.01, seed: 2))]
        XCTAssertThrowsError(try ReportFilter(metrics: ["steptime"]).validate(against: rows)) { error in
            XCTAssertTrue("\(error)".contains("did you mean step_time"), "\(error)")
        }
        XCTAssertThrowsError(try ReportFilter(engines: ["eagr"]).validate(against: rows)) { error in
            XCTAssertTrue("\(error)".contains("--engine eagr matches nothing; did you mean eager"), "\(error)")
        }
        XCTAssertNoThrow(try ReportFilter(tasks: ["train"], metrics: ["step_time"]).validate(against: rows))
    }

    func testABaselineFileInAnotherUnitIsConvertedOrRefused() throws {
        let json = #"{"rows": [{"task": "t", "engine": "e", "metric": "step_time", "median": 0.002, "unit": "s"}]}"#
        let rows = try BaselineFile.decode(Data(json.utf8), path: "b.json")
        XCTAssertEqual(rows[0].unit, "ms")
        XCTAssertEqual(rows[0].median ?? 0, 2, accuracy: 1e-12)
        XCTAssertTrue(rows[0].isReference)
        let wrong = #"{"rows": [{"task": "t", "engine": "e", "metric": "step_time", "median": 2, "unit": "bytes"}]}"#
        XCTAssertThrowsError(try BaselineFile.decode(Data(wrong.utf8), path: "b.json")) { error in
            XCTAssertTrue("\(error)".contains("rows[0].unit is \"bytes\""), "\(error)")
        }
    }
}
