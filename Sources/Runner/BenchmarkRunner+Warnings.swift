import Measurement
import ProtocolModel
import ResultStore
import TrialExecution

/// Noise warnings: conditions at the start of a run (load, frequency scaling) and properties of its results
/// (high variation, harness overhead against the smallest step). Each is shown and stored with the run.
extension BenchmarkRunner {
    /// Units of metrics that measure time or rates, whose variation is noise (not e.g. a loss's spread).
    static let timingUnits: Set<String> = ["ms", "s", "samples/s", "queries/s"]

    func environmentWarnings(_ fingerprint: EnvironmentFingerprint?) -> [NoiseWarning] {
        guard let fingerprint else { return [] }
        return [
            NoiseCheck.load(average: fingerprint.loadAverage1m, logicalCores: fingerprint.logicalCores),
            NoiseCheck.governor(fingerprint.scalingGovernor),
        ].compactMap { $0 }
    }

    func resultWarnings(_ context: RunContext, overheadNanoseconds: Double) throws -> [(warning: NoiseWarning, caseID: Int64?)] {
        var warnings: [(NoiseWarning, Int64?)] = []
        var smallestStep: Double?
        let threshold = context.benchmark.repetition.noiseWarningCV
        let stepTrials = try store.trialMedians(runID: context.runID, metric: Metric.stepTime.rawValue)
        let latencyTrials = try store.trialMedians(runID: context.runID, metric: Metric.latency.rawValue)
        for result in try store.caseResults(runID: context.runID) where result.status == .succeeded {
            let label = "\(result.task) · \(result.engine) · \(result.machine.name) · batch \(result.batchSize ?? 0)"
            var coefficients: [(metric: String, value: Double)] = []
            for series in result.series where Self.timingUnits.contains(series.unit) && series.values.count >= 3 {
                guard let summary = SampleSummary(series.values) else { continue }
                coefficients.append((series.metric, summary.coefficientOfVariation))
                if series.metric == Metric.stepTime.rawValue || series.metric == Metric.latency.rawValue {
                    let nanoseconds = summary.median * 1e6
                    smallestStep = min(smallestStep ?? nanoseconds, nanoseconds)
                }
            }
            if let warning = NoiseCheck.variation(label: label, coefficientsOfVariation: coefficients, threshold: threshold) {
                warnings.append((warning, result.id))
            }
            for (metric, trials) in [(Metric.stepTime, stepTrials), (Metric.latency, latencyTrials)] {
                guard let medians = trials[result.id], let warning = NoiseCheck.trialSpread(
                    label: label, metric: metric.rawValue, unit: metric.unit, trialMedians: medians) else { continue }
                warnings.append((warning, result.id))
            }
        }
        if let warning = NoiseCheck.overhead(nanoseconds: overheadNanoseconds, smallestStepNanoseconds: smallestStep) {
            warnings.append((warning, nil))
        }
        return warnings
    }
}
