import Foundation
import Measurement
@testable import Reports

/// Seeded two-level synthetic measurements for the gate tests and the calibration behind
/// docs/regression-gate.md: each trial (worker process) shifts as a whole by a log-normal offset, and its
/// steps scatter log-normally around that — the structure real runs have, which independent samples lack.
enum GateSimulation {
    /// A standard normal draw (Box–Muller).
    static func normal(_ generator: inout SplitMix64) -> Double {
        let first = max(generator.nextUnitInterval(), 1e-300)
        let second = generator.nextUnitInterval()
        return (-2 * log(first)).squareRoot() * cos(2 * Double.pi * second)
    }

    /// `trials` trials of `steps` samples: median × exp(trialSpread · z_trial + stepSpread · z_step).
    static func trials(_ trials: Int, steps: Int = 100, median: Double, trialSpread: Double, stepSpread: Double = 0.05,
                       seed: UInt64) -> [TrialSamples] {
        var generator = SplitMix64(seed: SplitMix64.derivedSeed(seed, 0x7121))
        return (0..<trials).map { index in
            let offset = trialSpread * normal(&generator)
            return TrialSamples(trial: index, values: (0..<steps).map { _ in
                median * exp(offset + stepSpread * normal(&generator))
            })
        }
    }

    static func row(engine: String = "eager", metric: String = "step_time", unit: String = "ms",
                    trials: [TrialSamples]) -> ReportRow {
        let samples = trials.flatMap(\.values)
        let summary = SampleSummary(samples)
        var row = ReportRow(runID: 1, machine: "ci", task: "train", taskKind: "train", engine: engine, model: "mlp",
                            dataset: "d", batchSize: 64, metric: metric, unit: unit, n: samples.count,
                            median: summary?.median, p10: summary?.p10, p90: summary?.p90, mean: summary?.mean,
                            min: summary?.minimum, max: summary?.maximum, caseStatus: "succeeded", message: nil)
        row.samples = samples
        row.sampleTrials = trials.flatMap { trial in trial.values.map { _ in trial.trial } }
        row.machineIdentity = "identity"
        return row
    }

    /// Two runs of the same build: same distribution, independent seeds; `slowdown` scales run B.
    static func comparison(seed: UInt64, slowdown: Double = 1, trials: Int = 10, steps: Int = 100,
                           trialSpread: Double = 0.05, settings: ComparisonSettings = ComparisonSettings()) -> RunComparison {
        func side(_ factor: Double, _ salt: UInt64) -> [ReportRow] {
            [row(trials: self.trials(trials, steps: steps, median: 10 * factor, trialSpread: trialSpread,
                                     seed: seed &* 4 &+ salt)),
             row(metric: "samples_per_second", unit: "samples/s",
                 trials: self.trials(trials, steps: steps, median: 6400 / factor, trialSpread: trialSpread,
                                     seed: seed &* 4 &+ salt &+ 2))]
        }
        return RunComparison(baseline: side(1, 0), candidate: side(slowdown, 1), settings: settings)
    }
}
