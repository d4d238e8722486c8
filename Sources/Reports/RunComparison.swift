import Foundation

/// One matched case × metric of a comparison.
public struct ComparisonRow: Sendable, Equatable {
    public var key: CaseMatchKey
    public var unit: String
    public var baseline: ReportRow
    public var candidate: ReportRow
    public var comparison: SampleComparison
    /// False when the two rows were measured on different environment identities (a cross-machine
    /// comparison: allowed, but reported).
    public var sameEnvironment: Bool {
        baseline.machineIdentity.isEmpty || candidate.machineIdentity.isEmpty
            || baseline.machineIdentity == candidate.machineIdentity
    }
}

/// The geometric mean of speedups over a set of comparisons of time metrics (one metric, or all of them).
public struct GeometricMeanSpeedup: Sendable, Equatable {
    /// Metric name, or "all time metrics" for the overall line.
    public var metric: String
    public var speedup: Double
    public var count: Int
}

/// A baseline measurement the candidate did not reproduce: its case failed, was skipped, timed out,
/// crashed, recorded no samples of the metric, or did not run at all.
public struct MissingMeasurement: Sendable, Equatable {
    public var key: CaseMatchKey
    /// "failed: trial 2: timeout: …", "recorded no step_time samples", "did not run".
    public var reason: String
}

/// Baseline rows against candidate rows, matched by `CaseMatchKey`: what `dlbench compare` prints and
/// what `dlbench check --baseline-…` gates on.
public struct RunComparison: Sendable, Equatable {
    public var rows: [ComparisonRow]
    /// Baseline measurements without a candidate measurement, with the reason (the gate fails on them).
    public var onlyInBaseline: [CaseMatchKey] { missingInCandidate.map(\.key) }
    public var missingInCandidate: [MissingMeasurement]
    public var onlyInCandidate: [CaseMatchKey]
    /// True when trials were paired by round (an interleaved A/B run of two builds).
    public var paired: Bool
    /// One line per time metric (in first-seen order), then "all time metrics". Memory, losses and counts are left
    /// out: a mean of speedups only means something for quantities of one kind.
    public var geometricMeans: [GeometricMeanSpeedup]
    public var settings: ComparisonSettings

    /// `paired`: the two sides ran round by round in one interleaved run (`dlbench run --baseline-binary`), so
    /// trial i of the baseline and trial i of the candidate shared the machine's moment.
    public init(baseline: [ReportRow], candidate: [ReportRow], settings: ComparisonSettings = ComparisonSettings(),
                paired: Bool = false) {
        self.settings = settings
        self.paired = paired
        let measuredBaseline = RunComparison.measured(baseline)
        let measuredCandidate = RunComparison.measured(candidate)
        let baselineByKey = Dictionary(measuredBaseline.map { (CaseMatchKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        let candidateKeys = Set(measuredCandidate.map(CaseMatchKey.init))
        var rows: [ComparisonRow] = []
        var onlyInCandidate: [CaseMatchKey] = []
        var seen = Set<CaseMatchKey>()
        for row in measuredCandidate {
            let key = CaseMatchKey(row)
            guard seen.insert(key).inserted else { continue }
            var anyMachine = key
            anyMachine.machine = ""
            // A hand-written baseline may omit the machine: it then matches every machine.
            guard let match = baselineByKey[key] ?? baselineByKey[anyMachine] else {
                onlyInCandidate.append(key)
                continue
            }
            guard let comparison = SampleComparison(baseline: match, candidate: row, settings: settings,
                                                    paired: paired, acrossRuns: true) else { continue }
            rows.append(ComparisonRow(key: key, unit: row.unit, baseline: match, candidate: row, comparison: comparison))
        }
        self.rows = rows
        self.onlyInCandidate = onlyInCandidate
        var baselineSeen = Set<CaseMatchKey>()
        let matchedKeys = Set(rows.map { CaseMatchKey($0.baseline) })
        missingInCandidate = measuredBaseline.map(CaseMatchKey.init).filter {
            !candidateKeys.contains($0) && !matchedKeys.contains($0) && baselineSeen.insert($0).inserted
        }.map { MissingMeasurement(key: $0, reason: RunComparison.reason(missing: $0, candidate: candidate)) }
        geometricMeans = RunComparison.geometricMeans(rows)
    }

    /// Why the candidate has no numbers for `key`: its case's status and message when it ran, else "did not run".
    static func reason(missing key: CaseMatchKey, candidate: [ReportRow]) -> String {
        let sameCase = candidate.filter {
            $0.task == key.task && $0.engine == key.engine && $0.batchSize == key.batchSize
                && (key.machine.isEmpty || $0.machine == key.machine)
        }
        guard let first = sameCase.first else { return "did not run in the candidate" }
        if first.caseStatus != "succeeded" {
            return first.caseStatus + (first.message.map { ": " + TableReport.singleLine($0, limit: 160) } ?? "")
        }
        return "recorded no \(key.metric) samples"
    }

    /// Rows with numbers: a failed or skipped case has nothing to compare.
    static func measured(_ rows: [ReportRow]) -> [ReportRow] {
        rows.filter { !$0.metric.isEmpty && $0.samples.contains { !$0.isNaN } }
    }

    static func geometricMeans(_ rows: [ComparisonRow]) -> [GeometricMeanSpeedup] {
        var order: [String] = []
        var logs: [String: [Double]] = [:]
        for row in rows where MetricDirection.isTime(unit: row.unit) && row.comparison.speedup.isFinite
            && row.comparison.speedup > 0 {
            if logs[row.key.metric] == nil { order.append(row.key.metric) }
            logs[row.key.metric, default: []].append(log(row.comparison.speedup))
        }
        var result = order.compactMap { metric -> GeometricMeanSpeedup? in
            guard let values = logs[metric] else { return nil }
            return GeometricMeanSpeedup(metric: metric, speedup: exp(values.reduce(0, +) / Double(values.count)),
                                        count: values.count)
        }
        let all = order.flatMap { logs[$0] ?? [] }
        if !all.isEmpty {
            result.append(GeometricMeanSpeedup(metric: RunComparison.allTimeMetrics, speedup: exp(all.reduce(0, +) / Double(all.count)),
                                               count: all.count))
        }
        return result
    }

    static let allTimeMetrics = "all time metrics"

    /// Rows whose verdict is a change (faster or slower): what `compare` shows unless asked for every row.
    public var changedRows: [ComparisonRow] {
        rows.filter { $0.comparison.verdict == .faster || $0.comparison.verdict == .slower }
    }

    /// Rows whose verdict is a regression.
    public var regressions: [ComparisonRow] { rows.filter { $0.comparison.verdict == .slower } }
}
