import Foundation

/// The verdict of `dlbench check`: which cases failed and with which figures, as the lines printed
/// in a CI log.
///
/// Exit codes are the CLI's business (0 pass, 1 regression, 2 usage or data error); this type only
/// decides pass or fail and words it, so the decision is testable without a process.
public struct GateResult: Sendable, Equatable {
    /// One line per failing case, naming the case and the figures that failed it.
    public var failures: [String]
    /// One line per passing check.
    public var passes: [String]
    /// Remarks that do not fail the gate (unmatched cases, cross-machine comparisons).
    public var notes: [String]

    public var passed: Bool { failures.isEmpty }

    public init(failures: [String] = [], passes: [String] = [], notes: [String] = []) {
        self.failures = failures
        self.passes = passes
        self.notes = notes
    }

    public static func + (left: GateResult, right: GateResult) -> GateResult {
        GateResult(failures: left.failures + right.failures, passes: left.passes + right.passes,
                   notes: left.notes + right.notes)
    }

    /// FAIL lines, then (when `verbose`) ok lines, notes, and a one-line summary.
    public func rendered(verbose: Bool) -> String {
        var lines = failures.map { "FAIL " + $0 }
        if verbose { lines += passes.map { "ok   " + $0 } }
        lines += notes.map { "note " + $0 }
        let checked = failures.count + passes.count
        lines.append(passed ? "check passed: \(checked) check(s), no regression"
                            : "check failed: \(failures.count) of \(checked) check(s) regressed")
        return lines.joined(separator: "\n") + "\n"
    }
}

public enum RegressionGate {
    /// A regression is a comparison row whose verdict is `slower` (significant and beyond the threshold).
    public static func gate(_ comparison: RunComparison) -> GateResult {
        var result = GateResult()
        for row in comparison.rows {
            let figures = describe(row)
            if row.comparison.verdict == .slower {
                result.failures.append(figures)
            } else {
                result.passes.append(figures)
            }
            if !row.sameEnvironment { result.notes.append("\(row.key): baseline measured on another machine identity") }
        }
        result.notes += comparison.onlyInBaseline.map { "\($0): in the baseline only (not checked)" }
        result.notes += comparison.onlyInCandidate.map { "\($0): new, no baseline (not checked)" }
        return result
    }

    public static func gate(_ outcomes: [ExpectationOutcome]) -> GateResult {
        var result = GateResult()
        for outcome in outcomes {
            let line = describe(outcome)
            if outcome.passed { result.passes.append(line) } else { result.failures.append(line) }
        }
        return result
    }

    static func describe(_ row: ComparisonRow) -> String {
        let comparison = row.comparison
        let scale = QuantityScale.choose(unit: row.unit, magnitude: comparison.baselineMedian)
        let isTime = MetricDirection.isTime(unit: row.unit)
        return "\(row.key): \(StatisticFormatting.change(speedup: comparison.speedup, isTime: isTime)) "
            + "(median \(scale.format(comparison.baselineMedian)) → \(scale.format(comparison.candidateMedian)) \(scale.unit), "
            + "ratio \(StatisticFormatting.factor(comparison.ratio)), 95% CI \(StatisticFormatting.interval(comparison.interval)), "
            + "p = \(StatisticFormatting.pValue(comparison.pValue)), threshold \(StatisticFormatting.percent(comparison.threshold)))"
    }

    static func describe(_ outcome: ExpectationOutcome) -> String {
        var place = outcome.machine
        if let batchSize = outcome.batchSize { place += " batch \(batchSize)" }
        let head = "expectation \"\(outcome.expectation.summary)\" on \(place)"
        guard let speedup = outcome.speedup, outcome.problem == nil else {
            return head + ": " + (outcome.problem ?? "no data")
        }
        let scale = QuantityScale.choose(unit: outcome.unit, magnitude: outcome.baselineMedian)
        return head + ": speedup \(StatisticFormatting.factor(speedup)) "
            + "(95% CI \(StatisticFormatting.interval(outcome.speedupInterval)); required ≥ "
            + "\(StatisticFormatting.factor(outcome.expectation.minimumSpeedup)); median \(outcome.expectation.baseline) "
            + "\(scale.format(outcome.baselineMedian)) vs \(outcome.expectation.engine) \(scale.format(outcome.engineMedian)) \(scale.unit))"
    }
}
