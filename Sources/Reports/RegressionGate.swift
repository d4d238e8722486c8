import Foundation

/// What an inconclusive comparison does to the gate: CI pipelines choose (`dlbench check --inconclusive`).
public enum InconclusivePolicy: String, Sendable, Equatable, CaseIterable {
    /// Inconclusive checks are printed with the trials that would decide them; the gate passes.
    case pass
    /// An inconclusive check fails the gate like a regression.
    case fail
}

/// The verdict of `dlbench check`: which cases failed and with which figures, as the lines printed
/// in a CI log.
///
/// Exit codes are the CLI's business (0 pass, 1 regression, 2 usage or data error or nothing checked); this
/// type only decides pass or fail and words it, so the decision is testable without a process.
public struct GateResult: Sendable, Equatable {
    /// One line per failing check, naming the case and the figures (or the reason) that failed it.
    public var failures: [String]
    /// One line per check the trials could not decide, with the trials that would.
    public var inconclusive: [String]
    /// One line per passing check.
    public var passes: [String]
    /// Remarks that do not fail the gate (new cases, cross-machine comparisons).
    public var notes: [String]
    public var inconclusivePolicy: InconclusivePolicy

    public var checkCount: Int { failures.count + inconclusive.count + passes.count }

    public var passed: Bool {
        failures.isEmpty && (inconclusivePolicy == .pass || inconclusive.isEmpty) && checkCount > 0
    }

    public init(failures: [String] = [], inconclusive: [String] = [], passes: [String] = [], notes: [String] = [],
                inconclusivePolicy: InconclusivePolicy = .pass) {
        self.failures = failures
        self.inconclusive = inconclusive
        self.passes = passes
        self.notes = notes
        self.inconclusivePolicy = inconclusivePolicy
    }

    public static func + (left: GateResult, right: GateResult) -> GateResult {
        GateResult(failures: left.failures + right.failures, inconclusive: left.inconclusive + right.inconclusive,
                   passes: left.passes + right.passes, notes: left.notes + right.notes,
                   inconclusivePolicy: left.inconclusivePolicy)
    }

    /// FAIL lines, inconclusive lines, then (when `verbose`) ok lines, notes, and a one-line summary.
    public func rendered(verbose: Bool) -> String {
        var lines = failures.map { "FAIL " + $0 }
        lines += inconclusive.map { (inconclusivePolicy == .fail ? "FAIL " : "???  ") + $0 }
        if verbose { lines += passes.map { "ok   " + $0 } }
        lines += notes.map { "note " + $0 }
        let undecided = inconclusive.isEmpty ? ""
            : ", \(inconclusive.count) inconclusive" + (inconclusivePolicy == .pass ? " (not failing: --inconclusive fail to fail on them)" : "")
        if checkCount == 0 {
            lines.append("check failed: nothing was checked (no case × metric matched)")
        } else if passed {
            lines.append("check passed: \(checkCount) check(s), no regression\(undecided)")
        } else {
            lines.append("check failed: \(failures.count) of \(checkCount) check(s) failed\(undecided)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

public enum RegressionGate {
    /// A regression is a comparison row whose verdict is `slower` (significant at trial level and beyond the
    /// threshold); a baseline measurement the candidate lacks (failed, crashed, timed out, no samples) fails too.
    public static func gate(_ comparison: RunComparison, inconclusive policy: InconclusivePolicy = .pass) -> GateResult {
        var result = GateResult(inconclusivePolicy: policy)
        for row in comparison.rows {
            let figures = describe(row)
            switch row.comparison.verdict {
            case .slower: result.failures.append(figures)
            case .inconclusive: result.inconclusive.append(figures)
            case .faster, .same: result.passes.append(figures)
            }
            if !row.sameEnvironment { result.notes.append("\(row.key): baseline measured on another machine identity") }
        }
        result.failures += comparison.missingInCandidate.map { "\($0.key): in the baseline, not measured: \($0.reason)" }
        result.notes += comparison.onlyInCandidate.map { "\($0): new, no baseline (not checked)" }
        return result
    }

    public static func gate(_ outcomes: [ExpectationOutcome], inconclusive policy: InconclusivePolicy = .pass) -> GateResult {
        var result = GateResult(inconclusivePolicy: policy)
        for outcome in outcomes {
            let line = describe(outcome)
            switch outcome.verdict {
            case .passed: result.passes.append(line)
            case .failed: result.failures.append(line)
            case .inconclusive: result.inconclusive.append(line)
            }
        }
        return result
    }

    static func describe(_ row: ComparisonRow) -> String {
        let comparison = row.comparison
        let scale = QuantityScale.choose(unit: row.unit, magnitude: comparison.baselineMedian)
        let isTime = MetricDirection.isTime(unit: row.unit)
        var text = "\(row.key): \(StatisticFormatting.change(speedup: comparison.speedup, isTime: isTime)) "
            + "(trial median \(scale.format(comparison.baselineMedian)) → \(scale.format(comparison.candidateMedian)) "
            + "\(scale.unit), ratio \(StatisticFormatting.factor(comparison.ratio)), "
            + "\(StatisticFormatting.percent(comparison.interval?.level ?? 0.95)) CI \(StatisticFormatting.interval(comparison.interval)), "
            + "p = \(StatisticFormatting.pValue(comparison.pValue)), \(comparison.design.rawValue) trials "
            + "\(comparison.replication), threshold \(StatisticFormatting.percent(comparison.threshold)))"
        if comparison.verdict == .inconclusive {
            text += ": " + StatisticFormatting.trialsNeededSentence(comparison)
        }
        return text
    }

    static func describe(_ outcome: ExpectationOutcome) -> String {
        var place = outcome.machine
        if let batchSize = outcome.batchSize { place += " batch \(batchSize)" }
        let head = "expectation \"\(outcome.expectation.summary)\" on \(place)"
        guard let speedup = outcome.speedup, outcome.problem == nil else {
            return head + ": " + (outcome.problem ?? "no data")
        }
        let scale = QuantityScale.choose(unit: outcome.unit, magnitude: outcome.baselineMedian)
        var text = head + ": speedup \(StatisticFormatting.factor(speedup)) "
            + "(95% CI \(StatisticFormatting.interval(outcome.speedupInterval)); required ≥ "
            + "\(StatisticFormatting.factor(outcome.expectation.minimumSpeedup)); trial median \(outcome.expectation.baseline) "
            + "\(scale.format(outcome.baselineMedian)) vs \(outcome.expectation.engine) \(scale.format(outcome.engineMedian)) "
            + "\(scale.unit); trials \(outcome.replication))"
        if outcome.verdict == .inconclusive {
            text += ": below the bound, but the interval reaches it"
                + (outcome.trialsNeeded.map { $0 > 1000 ? "; more than 1000 trials would be needed" : "; about \($0) trials per engine would decide" } ?? "")
        }
        return text
    }
}
