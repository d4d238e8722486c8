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

    public var passed: Bool {
        guard problem == nil, let speedup else { return false }
        return speedup >= expectation.minimumSpeedup
    }
}

/// Evaluates a protocol's `expectations` on the rows of one run: ratios measured within the run, so the
/// check holds on any machine, however fast, and survives the noise of a shared CI runner.
///
/// The point estimate (ratio of medians) decides; the bootstrap interval is reported beside it. An
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
                  let ratio = RatioConfidence(baseline: baselineRow.samples, candidate: engineRow.samples,
                                              level: settings.confidenceLevel, resamples: settings.resamples,
                                              seed: settings.seed)
            else {
                if outcome.problem == nil { outcome.problem = "the baseline median is 0" }
                return outcome
            }
            outcome.unit = engineRow.unit
            outcome.engineMedian = engineRow.median
            outcome.baselineMedian = baselineRow.median
            outcome.speedup = MetricDirection.speedup(fromRatio: ratio.ratio, metric: metric)
            outcome.speedupInterval = ratio.interval.map { interval in
                guard MetricDirection.polarity(of: metric) == .lowerIsBetter else { return interval }
                return ConfidenceInterval(lower: 1 / interval.upper, upper: 1 / interval.lower, level: interval.level)
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
