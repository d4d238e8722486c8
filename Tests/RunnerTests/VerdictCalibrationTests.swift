import Foundation
import XCTest
import Measurement
import ProtocolModel
import Reports
@testable import Runner

/// The calibration behind docs/regression-gate.md, on simulated two-level data: every trial (process) shifts by
/// a log-normal offset of 3%, 5% or 10%, its steps scatter by 5% around that. Each simulated case runs the real
/// default stopping rule (`RepetitionPolicy.adaptive()`, 0.8 s per trial against the 60 s budget), then the real
/// comparison. Seeds are fixed, so the figures are reproducible; each is over 1000 simulated cases or pairs.
final class VerdictCalibrationTests: XCTestCase {
    private static let offsets = [0.03, 0.05, 0.10]
    private static let pairs = 1000

    private struct Simulator {
        var generator: SplitMix64
        let rule = StoppingRule(policy: RepetitionPolicy.adaptive())

        mutating func normal() -> Double {
            let first = max(generator.nextUnitInterval(), 1e-300)
            let second = generator.nextUnitInterval()
            return (-2 * log(first)).squareRoot() * cos(2 * Double.pi * second)
        }

        /// One case measured until the stopping rule settles it.
        mutating func measuredCase(median: Double, trialSpread: Double, steps: Int = 10) -> ReportRow {
            var trials: [TrialSamples] = []
            repeat {
                let offset = trialSpread * normal()
                var values: [Double] = []
                for _ in 0..<steps { values.append(median * exp(offset + 0.05 * normal())) }
                trials.append(TrialSamples(trial: trials.count, values: values))
            } while rule.decide(primaryTrials: trials, secondsUsed: 0.8 * Double(trials.count)) == .continuing
            var row = ReportRow(runID: 1, machine: "m", task: "t", taskKind: "train", engine: "e", model: "mlp",
                                dataset: "d", batchSize: nil, metric: "step_time", unit: "ms", n: 0, median: nil, p10: nil,
                                p90: nil, mean: nil, min: nil, max: nil, caseStatus: "succeeded", message: nil)
            row.samples = trials.flatMap(\.values)
            row.sampleTrials = trials.flatMap { trial in trial.values.map { _ in trial.trial } }
            return row
        }
    }

    private func rates(trialSpread: Double, seed: UInt64) -> (coverage: Double, alarms: Double, detected: Double, trials: Double) {
        var simulator = Simulator(generator: SplitMix64(seed: seed))
        var covered = 0, alarms = 0, detected = 0, trials = 0
        for _ in 0..<Self.pairs {
            let first = simulator.measuredCase(median: 10, trialSpread: trialSpread)
            let second = simulator.measuredCase(median: 10, trialSpread: trialSpread)
            let slower = simulator.measuredCase(median: 11, trialSpread: trialSpread)
            if TrialEstimate(first.trialSamples)?.interval?.contains(10) == true { covered += 1 }
            trials += first.trialCount
            let settings = ComparisonSettings()
            if SampleComparison(baseline: first, candidate: second, settings: settings)?.verdict == .slower { alarms += 1 }
            if SampleComparison(baseline: first, candidate: slower, settings: settings)?.verdict == .slower { detected += 1 }
        }
        let count = Double(Self.pairs)
        return (Double(covered) / count, Double(alarms) / count, Double(detected) / count, Double(trials) / count)
    }

    func testDefaultsCoverAtNominalRateRarelyFalseAlarmAndCatchATenPercentSlowdown() {
        for (index, spread) in Self.offsets.enumerated() {
            let result = rates(trialSpread: spread, seed: 1000 + UInt64(index))
            print(String(format: "calibration: trial offsets %.0f%%: 95%% CI coverage %.3f, A/A alarms %.3f, "
                         + "10%% slowdown caught %.3f, mean trials %.1f", spread * 100, result.coverage, result.alarms,
                         result.detected, result.trials))
            XCTAssertGreaterThanOrEqual(result.coverage, 0.93, "coverage at \(spread)")
            XCTAssertLessThanOrEqual(result.alarms, 0.01, "A/A alarms at \(spread)")
            XCTAssertGreaterThanOrEqual(result.detected, 0.90, "10% slowdown at \(spread)")
        }
    }
}
