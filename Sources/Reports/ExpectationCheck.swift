import Foundation
import Measurement
import ProtocolModel

/// The result of one protocol expectation on one machine × batch size of a run.
public struct ExpectationOutcome: Sendable, Equatable {
    public var expectation: PerformanceExpectation
    public var machine: String
    public var batchSize: Int?
    /// Baseline over engine, oriented by the metric (above 1: the engine is better); nil without data.
    public var speedup: Double?
    public var speedupInterval: ConfidenceInterval?
    public var baselineMedian: Double?
    public var engineMedian: Double?
    public var unit: String
    /// Why there is no speedup (a failed case, missing samples).
    public var problem: String?
    /// Upper end of the speedup's (1 − α) interval: below the bound, the shortfall is significant.
    public var speedupUpperBound: Double?
    /// "9×100 vs 9×100": trials × samples per trial of baseline and engine.
    public var replication = ""
    /// For an inconclusive outcome: trials per engine that would likely decide it.
    public var trialsNeeded: Int?

    public enum Verdict: String, Sendable, Equatable {
        case passed, failed, inconclusive
    }

    /// Passed when the speedup's estimate meets the bound; failed when a case has no data or the whole (1 − α)
    /// trial-level interval lies below the bound; inconclusive when the estimate falls short but the interval
    /// reaches the bound (too few or too noisy trials to call it a failure).
    public var verdict: Verdict {
        guard problem == nil, let speedup else { return .failed }
        if speedup >= expectation.minimumSpeedup { return .passed }
        guard let upper = speedupUpperBound else { return .inconclusive }
        return upper < expectation.minimumSpeedup ? .failed : .inconclusive
    }

    public var passed: Bool { verdict == .passed }
}

/// Evaluates a protocol's `expectations` on the rows of one run: ratios measured within the run, so the
/// check holds on any machine, however fast, and survives the noise of a shared CI runner.
///
/// The ratio is that of trial-level estimates (geometric means of per-trial medians) with a t interval over
/// trials (`SampleComparison`); `ExpectationOutcome.verdict` says how estimate and interval decide. An
/// expectation whose cases have no samples (failed, skipped, missing) fails: a crash is a regression.
public enum ExpectationCheck {
    public static func evaluate(_ expectations: [PerformanceExpectation], rows: [ReportRow],
                                settings: ComparisonSettings = ComparisonSettings()) -> [ExpectationOutcome] {
        expectations.flatMap { evaluate($0, rows: rows, settings: settings) }
    }

    static func evaluate(_ expectation: PerformanceExpectation, rows: [ReportRow],
                         settings: ComparisonSettings) -> [ExpectationOutcome] {
        let metric = expectation.metric.rawValue
        let inScope = rows.filter { row in
            row.task == expectation.task && (expectation.machine.map { $0 == row.machine } ?? true)
                && (expectation.batchSize.map { $0 == row.batchSize } ?? true)
        }
        // Every machine × batch size the engine or the baseline ran on.
        var slots: [(machine: String, batchSize: Int?)] = []
        for row in inScope where row.engine == expectation.engine || row.engine == expectation.baseline {
            if !slots.contains(where: { $0.machine == row.machine && $0.batchSize == row.batchSize }) {
                slots.append((row.machine, row.batchSize))
            }
        }
        guard !slots.isEmpty else {
            return [ExpectationOutcome(expectation: expectation, machine: expectation.machine ?? "-",
                                       batchSize: expectation.batchSize, unit: "",
                                       problem: "no case of task \(expectation.task) in the run")]
        }
        return slots.map { slot in
            let candidates = inScope.filter { $0.machine == slot.machine && $0.batchSize == slot.batchSize }
            var outcome = ExpectationOutcome(expectation: expectation, machine: slot.machine, batchSize: slot.batchSize,
                                             unit: expectation.metric.unit)
            guard let engineRow = series(candidates, engine: expectation.engine, metric: metric, problem: &outcome.problem),
                  let baselineRow = series(candidates, engine: expectation.baseline, metric: metric, problem: &outcome.problem),
                  let comparison = SampleComparison(baseline: baselineRow, candidate: engineRow, settings: settings)
            else {
                if outcome.problem == nil { outcome.problem = "the baseline's trial median is not positive" }
                return outcome
            }
            outcome.unit = engineRow.unit
            outcome.engineMedian = comparison.candidateMedian
            outcome.baselineMedian = comparison.baselineMedian
            outcome.speedup = comparison.speedup
            outcome.speedupInterval = comparison.speedupInterval
            outcome.replication = comparison.replication
            let lowerIsBetter = MetricDirection.polarity(of: metric) == .lowerIsBetter
            let decision = TrialComparison(baseline: baselineRow.trialSamples, candidate: engineRow.trialSamples,
                                           level: 1 - settings.significanceLevel)
            outcome.speedupUpperBound = decision?.interval.map { lowerIsBetter ? 1 / $0.lower : $0.upper }
            if let decision, let speedup = outcome.speedup, speedup < expectation.minimumSpeedup {
                let distance = abs(Foundation.log(expectation.minimumSpeedup / speedup))
                outcome.trialsNeeded = decision.trialsNeeded(logHalfWidth: max(distance, 0.005),
                                                             level: 1 - settings.significanceLevel)
            }
            return outcome
        }
    }

    /// The row of `metric` for `engine`, or nil with a reason.
    private static func series(_ rows: [ReportRow], engine: String, metric: String, problem: inout String?) -> ReportRow? {
        let engineRows = rows.filter { $0.engine == engine }
        if let row = engineRows.first(where: { $0.metric == metric && $0.samples.contains { !$0.isNaN } }) {
            return row
        }
        if let failed = engineRows.first(where: { $0.caseStatus == "failed" || $0.caseStatus == "skipped" }) {
            problem = "\(engine) \(failed.caseStatus)" + (failed.message.map { ": \(TableReport.singleLine($0, limit: 120))" } ?? "")
        } else {
            problem = engineRows.isEmpty ? "\(engine) did not run" : "\(engine) recorded no \(metric) samples"
        }
        return nil
    }
}

extension ExpectationCheck {
    /// The expectations of a stored run's protocol text (decoded as if read from `protocolPath`, so
    /// relative dataset paths resolve as they did for the run).
    public static func expectations(protocolText: String, protocolPath: String) throws -> [PerformanceExpectation] {
        try ProtocolLoader.decode(protocolText, file: protocolPath).expectations
    }
}
