import Foundation
import GRDB
import Measurement

extension ResultStore {
    private static let runColumns = """
        id, protocol_name, protocol_path, protocol_text, protocol_hash, started_at, ended_at, status, dlbench_commit
        """

    /// All runs, newest first, each with its case counts by status.
    public func runs() throws -> [RunRecord] {
        try read("listing runs") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT \(ResultStore.runColumns) FROM runs ORDER BY started_at DESC, id DESC")
            let counts = try caseCounts(db, runID: nil)
            return try rows.map { try runRecord($0, counts: counts) }
        }
    }

    /// The id of the most recently started run, or nil for an empty store.
    public func latestRunID() throws -> Int64? {
        try read("finding the latest run") { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM runs ORDER BY started_at DESC, id DESC LIMIT 1")
        }
    }

    /// One run by id, or nil when it does not exist.
    public func run(id: Int64) throws -> RunRecord? {
        try read("reading run \(id)") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(ResultStore.runColumns) FROM runs WHERE id = ?",
                                             arguments: [id]) else { return nil }
            return try runRecord(row, counts: try caseCounts(db, runID: id))
        }
    }

    /// Every case of `runID` in insertion order, with its machine and samples grouped by metric.
    public func caseResults(runID: Int64) throws -> [CaseResult] {
        try read("reading cases of run \(runID)") { db in
            let machines = try machineRecords(db, runID: runID)
            let series = try seriesByCase(db, runID: runID)
            let trialCounts = try trialCountsByCase(db, runID: runID)
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, run_id, machine_id, task, task_kind, engine, engine_kind, model, dataset, batch_size,
                       status, message, config_json
                FROM cases WHERE run_id = ? ORDER BY id
                """, arguments: [runID])
            return try rows.map { row -> CaseResult in
                let caseID: Int64 = row["id"]
                let machineID: Int64 = row["machine_id"]
                guard let machine = machines[machineID] else {
                    throw ResultStoreError.missingRow(path: path, table: "machines", id: machineID)
                }
                let statusText: String = row["status"]
                guard let status = CaseStatus(rawValue: statusText) else {
                    throw ResultStoreError.corruptValue(path: path, table: "cases", id: caseID, column: "status",
                                                        reason: "unknown status \(statusText)")
                }
                return CaseResult(
                    id: caseID, runID: row["run_id"], machine: machine, task: row["task"], taskKind: row["task_kind"],
                    engine: row["engine"], engineKind: row["engine_kind"], model: row["model"], dataset: row["dataset"],
                    batchSize: row["batch_size"], status: status, message: row["message"],
                    configJSON: row["config_json"], trialCount: trialCounts[caseID] ?? 0,
                    series: series[caseID] ?? [])
            }
        }
    }

    /// Machines recorded for `runID`.
    public func machines(runID: Int64) throws -> [MachineRecord] {
        try read("reading machines of run \(runID)") { db in
            try machineRecords(db, runID: runID).values.sorted { $0.id < $1.id }
        }
    }

    // MARK: - Row decoding

    private func runRecord(_ row: Row, counts: [Int64: CaseCounts]) throws -> RunRecord {
        let id: Int64 = row["id"]
        let statusText: String = row["status"]
        guard let status = RunStatus(rawValue: statusText) else {
            throw ResultStoreError.corruptValue(path: path, table: "runs", id: id, column: "status",
                                                reason: "unknown status \(statusText)")
        }
        return RunRecord(
            id: id, protocolName: row["protocol_name"], protocolPath: row["protocol_path"],
            protocolText: row["protocol_text"], protocolHash: row["protocol_hash"], startedAt: row["started_at"],
            endedAt: row["ended_at"], status: status, dlbenchCommit: row["dlbench_commit"],
            caseCounts: counts[id] ?? CaseCounts())
    }

    /// Case counts per run; all runs when `runID` is nil.
    private func caseCounts(_ db: Database, runID: Int64?) throws -> [Int64: CaseCounts] {
        let filter = runID == nil ? "" : "WHERE run_id = ?"
        let arguments: StatementArguments = runID.map { [$0] } ?? []
        let rows = try Row.fetchAll(db, sql: "SELECT run_id, status, COUNT(*) AS n FROM cases \(filter) GROUP BY run_id, status",
                                    arguments: arguments)
        var counts: [Int64: CaseCounts] = [:]
        for row in rows {
            let run: Int64 = row["run_id"]
            let statusText: String = row["status"]
            guard let status = CaseStatus(rawValue: statusText) else { continue }
            counts[run, default: CaseCounts()][status] += row["n"] as Int
        }
        return counts
    }

    private func machineRecords(_ db: Database, runID: Int64) throws -> [Int64: MachineRecord] {
        let rows = try Row.fetchAll(db, sql: "SELECT id, run_id, name, identity_hash, fingerprint_json FROM machines WHERE run_id = ?",
                                    arguments: [runID])
        var machines: [Int64: MachineRecord] = [:]
        for row in rows {
            let id: Int64 = row["id"]
            let json: String = row["fingerprint_json"]
            let fingerprint: EnvironmentFingerprint
            do {
                fingerprint = try JSONDecoder().decode(EnvironmentFingerprint.self, from: Data(json.utf8))
            } catch {
                throw ResultStoreError.corruptValue(path: path, table: "machines", id: id, column: "fingerprint_json",
                                                    reason: "\(error)")
            }
            machines[id] = MachineRecord(id: id, runID: row["run_id"], name: row["name"],
                                         identityHash: row["identity_hash"], fingerprint: fingerprint)
        }
        return machines
    }

    private func trialCountsByCase(_ db: Database, runID: Int64) throws -> [Int64: Int] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.case_id, COUNT(*) AS n FROM trials t JOIN cases c ON c.id = t.case_id
            WHERE c.run_id = ? GROUP BY t.case_id
            """, arguments: [runID])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["case_id"] as Int64, $0["n"] as Int) })
    }

    /// Samples of every case of the run, grouped by metric in first-recorded order; values in
    /// trial order, then sequence order.
    private func seriesByCase(_ db: Database, runID: Int64) throws -> [Int64: [MetricSeries]] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.case_id, t.trial_index, s.metric, s.unit, s.value
            FROM samples s JOIN trials t ON t.id = s.trial_id JOIN cases c ON c.id = t.case_id
            WHERE c.run_id = ?
            ORDER BY t.case_id, t.trial_index, s.sequence, s.id
            """, arguments: [runID])
        var series: [Int64: [MetricSeries]] = [:]
        var positions: [Int64: [String: Int]] = [:]
        while let row = try rows.next() {
            let caseID: Int64 = row["case_id"]
            let metric: String = row["metric"]
            let value: Double = (row["value"] as Double?) ?? .nan
            let trial: Int = row["trial_index"]
            if let position = positions[caseID]?[metric] {
                series[caseID]?[position].values.append(value)
                series[caseID]?[position].trials.append(trial)
            } else {
                let unit: String = row["unit"]
                positions[caseID, default: [:]][metric] = series[caseID, default: []].count
                series[caseID, default: []].append(MetricSeries(metric: metric, unit: unit, values: [value],
                                                                trials: [trial]))
            }
        }
        return series
    }
}

extension ResultStore {
    /// Per case, the median of `metric` in each trial, in trial order (cases without the metric are absent).
    public func trialMedians(runID: Int64, metric: String) throws -> [Int64: [Double]] {
        try read("reading per-trial medians of \(metric) in run \(runID)") { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT t.case_id, t.trial_index, s.value
                FROM samples s JOIN trials t ON t.id = s.trial_id JOIN cases c ON c.id = t.case_id
                WHERE c.run_id = ? AND s.metric = ? AND s.value IS NOT NULL
                ORDER BY t.case_id, t.trial_index
                """, arguments: [runID, metric])
            var values: [Int64: [Int: [Double]]] = [:]
            while let row = try rows.next() {
                values[row["case_id"], default: [:]][row["trial_index"], default: []].append(row["value"])
            }
            return values.mapValues { trials in
                trials.keys.sorted().compactMap { trials[$0].flatMap { SampleSummary($0)?.median } }
            }
        }
    }
}
