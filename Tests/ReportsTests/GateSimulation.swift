import Foundation
import Measurement
@testable import Reports

/// Seeded synthetic measurements for the gate tests and the false-alarm simulation of
/// docs/regression-gate.md: log-normal step times (skewed, like real ones) around a median.
enum GateSimulation {
    /// `count` log-normal values with the given median and log-space standard deviation.
    static func samples(count: Int, median: Double, spread: Double, seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let first = max(generator.nextUnitInterval(), 1e-300)
            let second = generator.nextUnitInterval()
            let normal = (-2 * log(first)).squareRoot() * cos(2 * Double.pi * second)
            return median * exp(spread * normal)
        }
    }

    static func row(engine: String = "eager", metric: String = "step_time", unit: String = "ms",
                    samples: [Double]) -> ReportRow {
        let summary = SampleSummary(samples)
        var row = ReportRow(runID: 1, machine: "ci", task: "train", taskKind: "train", engine: engine, model: "mlp",
                            dataset: "d", batchSize: 64, metric: metric, unit: unit, n: samples.count,
                            median: summary?.median, p10: summary?.p10, p90: summary?.p90, mean: summary?.mean,
                            min: summary?.minimum, max: summary?.maximum, caseStatus: "succeeded", message: nil)
        row.samples = samples
        row.machineIdentity = "identity"
        return row
    }

    /// Two runs of the same build: same distribution, independent seeds; `slowdown` scales run B.
    static func comparison(seed: UInt64, slowdown: Double = 1, count: Int = 30, spread: Double = 0.05,
                           settings: ComparisonSettings = ComparisonSettings()) -> RunComparison {
        let runA = [row(samples: samples(count: count, median: 10, spread: spread, seed: seed &* 2)),
                    row(metric: "samples_per_second", unit: "samples/s",
                        samples: samples(count: count, median: 6400, spread: spread, seed: seed &* 2 &+ 7))]
        let runB = [row(samples: samples(count: count, median: 10 * slowdown, spread: spread, seed: seed &* 2 &+ 1)),
                    row(metric: "samples_per_second", unit: "samples/s",
                        samples: samples(count: count, median: 6400 / slowdown, spread: spread, seed: seed &* 2 &+ 8))]
        return RunComparison(baseline: runA, candidate: runB, settings: settings)
    }
}
