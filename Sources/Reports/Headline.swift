import Foundation
import Measurement
import ProtocolModel

/// The answer at a glance: per task × machine × batch size, which engine is faster on the task's primary metric,
/// by how much and how sure (trial-level CIs), what it costs in memory and start-up, when a start-up cost pays
/// off, and how closely it agrees with eager; then the protocol's expectations.
///
/// Everything comes from report rows and the run's `ProtocolFacts`; `HeadlineReport` renders it. Comparisons are
/// within one run (no run-to-run spread), like `PivotTable` and `ExpectationCheck`.
public struct Headline: Sendable, Equatable {
    public var slots: [HeadlineSlot]
    public var expectations: [ExpectationOutcome]
    /// Why a run's protocol choices could not be used (its stored text no longer decodes), one line per run.
    public var notes: [String]

    /// `facts` per run id (missing: defaults); `baseline` overrides the protocol's baseline engine (`report
    /// --baseline-engine`).
    public init(rows: [ReportRow], facts: [Int64: ProtocolFacts] = [:], baseline: String? = nil,
                settings: ComparisonSettings = ComparisonSettings()) {
        var order: [SlotKey] = []
        var grouped: [SlotKey: [ReportRow]] = [:]
        for row in rows {
            let key = SlotKey(runID: row.runID, task: row.task, machine: row.machine, batchSize: row.batchSize)
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(row)
        }
        slots = order.compactMap { key in
            grouped[key].flatMap {
                Self.slot($0, facts: facts[key.runID] ?? ProtocolFacts(), baseline: baseline, settings: settings)
            }
        }
        var runIDs: [Int64] = []
        for row in rows where !runIDs.contains(row.runID) { runIDs.append(row.runID) }
        expectations = runIDs.flatMap { runID in
            ExpectationCheck.evaluate(facts[runID]?.expectations ?? [], rows: rows.filter { $0.runID == runID },
                                      settings: settings)
        }
        notes = runIDs.compactMap { runID in
            facts[runID]?.problem.map { "run \(runID): \($0); baseline and primary metrics are defaults" }
        }
    }

    struct SlotKey: Hashable {
        var runID: Int64
        var task: String
        var machine: String
        var batchSize: Int?
    }

    static func slot(_ rows: [ReportRow], facts: ProtocolFacts, baseline requested: String?,
                     settings: ComparisonSettings) -> HeadlineSlot? {
        guard let first = rows.first else { return nil }
        var engines: [String] = []
        for row in rows where !engines.contains(row.engine) { engines.append(row.engine) }
        let metric = facts.primaryMetric(task: first.task, taskKind: first.taskKind, available: Set(rows.map(\.metric)))
        let wanted = requested ?? facts.baselineEngine
        let baselineEngine = wanted.flatMap { engines.contains($0) ? $0 : nil } ?? first.engine
        let baselineRows = rows.filter { $0.engine == baselineEngine }
        let entries = engines.map { engine in
            entry(engine: engine, rows: rows.filter { $0.engine == engine }, baselineRows: baselineRows,
                  isBaseline: engine == baselineEngine, metric: metric, settings: settings)
        }
        let unit = rows.first { $0.metric == metric }?.unit ?? Metric(rawValue: metric)?.unit ?? ""
        return HeadlineSlot(runID: first.runID, task: first.task, taskKind: first.taskKind, machine: first.machine,
                            batchSize: first.batchSize, metric: metric, unit: unit, baselineEngine: baselineEngine,
                            entries: entries)
    }

    static func entry(engine: String, rows: [ReportRow], baselineRows: [ReportRow], isBaseline: Bool, metric: String,
                      settings: ComparisonSettings) -> HeadlineEntry {
        func measured(_ rows: [ReportRow], _ name: String) -> ReportRow? {
            rows.first { $0.metric == name && $0.samples.contains { !$0.isNaN } }
        }
        let statusRow = rows.first { $0.caseStatus != "succeeded" } ?? rows.first
        var entry = HeadlineEntry(engine: engine, status: statusRow?.caseStatus ?? "missing", message: statusRow?.message,
                                  isBaseline: isBaseline)
        let primary = measured(rows, metric)
        entry.primary = primary?.trialEstimate()
        entry.peakRSS = measured(rows, Metric.peakRSSBytes.rawValue)?.trialEstimate()
        let firstStep = measured(rows, Metric.timeToFirstStep.rawValue)
        entry.timeToFirstStep = firstStep?.trialEstimate()
        entry.agreement = measured(rows, Metric.deviationFromEager.rawValue)?.max
        guard !isBaseline, let primary, let baselinePrimary = measured(baselineRows, metric) else { return entry }
        entry.comparison = SampleComparison(baseline: baselinePrimary, candidate: primary, settings: settings)
        if metric == Metric.stepTime.rawValue, let firstStep,
           let baselineFirstStep = measured(baselineRows, Metric.timeToFirstStep.rawValue) {
            entry.breakEven = BreakEven(baselineFirstStep: baselineFirstStep, engineFirstStep: firstStep,
                                        baselineStep: baselinePrimary, engineStep: primary)
        }
        return entry
    }
}
