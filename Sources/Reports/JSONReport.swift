import Foundation
import Measurement

/// The complete, machine-readable report: every run, machine and row with all statistics, the raw
/// samples and (with a baseline engine) the pivot. The schema is stable and documented in
/// docs/report-json.md; the same file serves as a committed baseline for `dlbench check --baseline-file`.
/// Schema 3: every time in seconds (schema 2 kept each metric's stored unit, e.g. step times in ms).
public enum JSONReport {
    public static let schemaIdentifier = "dlbench.report/3"

    public static func render(rows: [ReportRow], runs: [ReportRun], pivot: PivotTable? = nil,
                              settings: ComparisonSettings = ComparisonSettings()) -> String {
        var members: [(String, JSONNode)] = [
            ("schema", .string(schemaIdentifier)),
            ("runs", .array(runs.map(run))),
            ("rows", .array(rows.map { row($0.inExportUnits, settings: settings) })),
        ]
        if let pivot { members.append(("pivot", PivotReport.json(pivot))) }
        return JSONNode.object(members).rendered() + "\n"
    }

    static func run(_ run: ReportRun) -> JSONNode {
        .object([
            ("id", .integer(run.id)), ("protocol", .string(run.protocolName)), ("protocolHash", .string(run.protocolHash)),
            ("startedAt", .string(ReportRun.timestamp(run.startedAt))),
            ("endedAt", .optional(run.endedAt.map(ReportRun.timestamp))), ("status", .string(run.status)),
            ("dlbenchCommit", .optional(run.dlbenchCommit)), ("uuid", .optional(run.uuid)), ("group", .optional(run.group)),
            ("shard", .optional(run.shard)),
            ("machines", .array(run.machines.map { machine in
                let fingerprint = machine.fingerprint
                return .object([
                    ("name", .string(machine.name)), ("identityHash", .string(machine.identityHash)),
                    ("cpuModel", .string(fingerprint.cpuModel)), ("logicalCores", .optional(fingerprint.logicalCores)),
                    ("memoryBytes", .integer(Int64(clamping: fingerprint.memoryBytes))),
                    ("osName", .string(fingerprint.osName)), ("kernel", .string(fingerprint.kernel)),
                    ("swiftVersion", .string(fingerprint.swiftVersion)), ("openBLAS", .string(fingerprint.openBLASConfig)),
                    ("threads", .optional(fingerprint.threads)), ("gitCommit", .optional(fingerprint.gitCommit)),
                ])
            })),
        ])
    }

    static func row(_ row: ReportRow, settings: ComparisonSettings) -> JSONNode {
        let statistics = row.samples.isEmpty ? nil
            : MetricStatistics(row.trialSamples, level: settings.confidenceLevel,
                               runSpread: !row.isReference && MetricDirection.driftsBetweenRuns(unit: row.unit)
                                   ? settings.runSpread : 0)
        let summary = statistics?.summary
        let estimate = statistics?.trialEstimate
        return .object([
            ("run", .integer(row.runID)), ("machine", .string(row.machine)),
            ("machineIdentity", .string(row.machineIdentity)), ("task", .string(row.task)),
            ("taskKind", .string(row.taskKind)), ("engine", .string(row.engine)), ("model", .string(row.model)),
            ("dataset", .string(row.dataset)), ("batchSize", .optional(row.batchSize)),
            ("metric", .optional(row.metric.isEmpty ? nil : row.metric)), ("unit", .optional(row.unit.isEmpty ? nil : row.unit)),
            ("polarity", .optional(row.metric.isEmpty ? nil : MetricDirection.polarity(of: row.metric).rawValue)),
            ("status", .string(row.caseStatus)), ("message", .optional(row.message)),
            ("n", .integer(Int64(row.n))), ("trials", .integer(Int64(estimate?.trialCount ?? 0))),
            ("estimate", .optional(estimate?.estimate)), ("estimateCI", interval(estimate?.interval)),
            ("estimateScale", .optional(estimate?.scale.rawValue)), ("runSpread", .number(MetricDirection.driftsBetweenRuns(unit: row.unit) ? settings.runSpread : 0)),
            ("trialMedians", .array((estimate?.trialMedians ?? []).map(JSONNode.number))),
            ("median", .optional(row.median)), ("mean", .optional(row.mean)),
            ("stddev", .optional(summary?.standardDeviation)), ("cv", .optional(summary?.coefficientOfVariation)),
            ("min", .optional(row.min)), ("p10", .optional(row.p10)), ("p25", .optional(summary?.p25)),
            ("p75", .optional(summary?.p75)), ("p90", .optional(row.p90)), ("p99", .optional(summary?.p99)),
            ("max", .optional(row.max)), ("mad", .optional(statistics?.medianAbsoluteDeviation)),
            ("outliers", .optional(statistics?.outlierCount)),
            ("samples", .array(row.samples.map(JSONNode.number))),
            ("sampleTrials", .array(row.sampleTrials.map { .integer(Int64($0)) })),
        ])
    }

    static func interval(_ interval: ConfidenceInterval?) -> JSONNode {
        guard let interval else { return .null }
        return .object([("lower", .number(interval.lower)), ("upper", .number(interval.upper)), ("level", .number(interval.level))])
    }
}
