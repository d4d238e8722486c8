import Foundation
import Measurement

extension ResultStore {
    private static let runColumns = """
        id, protocol_name, protocol_path, protocol_text, protocol_hash, started_at, ended_at, status, dlbench_commit,
        run_uuid, run_group, shard
        """

    /// All runs, newest first, each with its case counts by status.
    public func runs() throws -> [RunRecord] {
        try read("listing runs") { db in
            let rows = try db.fetch("SELECT \(ResultStore.runColumns) FROM runs ORDER BY started_at DESC, id DESC")
            let counts = try caseCounts(db, runID: nil)
            return try rows.map { try runRecord($0, counts: counts) }
        }
    }

    /// The id of the most recently started run, or nil for an empty store.
    public func latestRunID() throws -> Int64? {
        try read("finding the latest run") { db in
            try db.fetchOne("SELECT id FROM runs ORDER BY started_at DESC, id DESC LIMIT 1").flatMap { Int64.stored(from: $0["id"]) }
        }
    }

    /// The runs of `group`, oldest first (the shards of one logical run).
    public func runs(group: String) throws -> [RunRecord] {
        try read("listing the runs of group \(group)") { db in
            let rows = try db.fetch("SELECT \(ResultStore.runColumns) FROM runs WHERE run_group = ? ORDER BY started_at, id",
                                    group)
            let counts = try caseCounts(db, runID: nil)
            return try rows.map { try runRecord($0, counts: counts) }
        }
    }

    /// One run by id, or nil when it does not exist.
    public func run(id: Int64) throws -> RunRecord? {
        try read("reading run \(id)") { db in
            guard let row = try db.fetchOne("SELECT \(ResultStore.runColumns) FROM runs WHERE id = ?", id) else { return nil }
            return try runRecord(row, counts: try caseCounts(db, runID: id))
        }
    }

    /// Every case of `runID` in insertion order, with its machine and samples grouped by metric.
    public func caseResults(runID: Int64) throws -> [CaseResult] {
        try read("reading cases of run \(runID)") { db in
            let machines = try machineRecords(db, runID: runID)
            let series = try seriesByCase(db, runID: runID)
            let trialCounts = try trialCountsByCase(db, runID: runID)
            let rows = try db.fetch("""
                SELECT id, run_id, machine_id, task, task_kind, engine, engine_kind, model, dataset, batch_size,
                       status, message, config_json
                FROM cases WHERE run_id = ? ORDER BY id
                """, runID)
            return try rows.map { fetched -> CaseResult in
                let row = try StoredRow(fetched, table: "cases", path: path)
                let machineID: Int64 = try row.value("machine_id")
                guard let machine = machines[machineID] else {
                    throw ResultStoreError.corruptValue(path: path, table: "cases", id: row.id, column: "machine_id",
                                                        reason: "refers to machine \(machineID), which is not in run \(runID)")
                }
                return CaseResult(
                    id: row.id, runID: try row.value("run_id"), machine: machine, task: try row.value("task"),
                    taskKind: try row.value("task_kind"), engine: try row.value("engine"),
                    engineKind: try row.value("engine_kind"), model: try row.value("model"),
                    dataset: try row.value("dataset"), batchSize: try row.optional("batch_size"),
                    status: try row.value("status"), message: try row.optional("message"),
                    configJSON: try row.value("config_json"), trialCount: trialCounts[row.id] ?? 0,
                    series: series[row.id] ?? [])
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

    private func runRecord(_ fetched: StoreRow, counts: [Int64: CaseCounts]) throws -> RunRecord {
        let row = try StoredRow(fetched, table: "runs", path: path)
        return RunRecord(
            id: row.id, protocolName: try row.value("protocol_name"), protocolPath: try row.value("protocol_path"),
            protocolText: try row.value("protocol_text"), protocolHash: try row.value("protocol_hash"),
            startedAt: try row.value("started_at"), endedAt: try row.optional("ended_at"),
            status: try row.value("status"), dlbenchCommit: try row.optional("dlbench_commit"),
            caseCounts: counts[row.id] ?? CaseCounts(), uuid: try row.optional("run_uuid"),
            group: try row.optional("run_group"), shard: try row.optional("shard"))
    }

    /// Case counts per run; all runs when `runID` is nil. `MIN(id)` names a row of the group if one is bad.
    private func caseCounts(_ db: any StoreConnection, runID: Int64?) throws -> [Int64: CaseCounts] {
        let filter = runID == nil ? "" : "WHERE run_id = ?"
        let arguments: [StoreValue] = runID.map { [.integer($0)] } ?? []
        let rows = try db.fetch("""
            SELECT MIN(id) AS id, run_id, status, COUNT(*) AS n FROM cases \(filter) GROUP BY run_id, status
            """, arguments)
        var counts: [Int64: CaseCounts] = [:]
        for fetched in rows {
            let row = try StoredRow(fetched, table: "cases", path: path)
            let status: CaseStatus = try row.value("status")
            counts[try row.value("run_id") as Int64, default: CaseCounts()][status] += try row.value("n") as Int
        }
        return counts
    }

    private func machineRecords(_ db: any StoreConnection, runID: Int64) throws -> [Int64: MachineRecord] {
        let rows = try db.fetch("SELECT id, run_id, name, identity_hash, fingerprint_json FROM machines WHERE run_id = ?", runID)
        var machines: [Int64: MachineRecord] = [:]
        for fetched in rows {
            let row = try StoredRow(fetched, table: "machines", path: path)
            machines[row.id] = MachineRecord(
                id: row.id, runID: try row.value("run_id"), name: try row.value("name"),
                identityHash: try row.value("identity_hash"), fingerprint: try row.fingerprint("fingerprint_json"))
        }
        return machines
    }

    private func trialCountsByCase(_ db: any StoreConnection, runID: Int64) throws -> [Int64: Int] {
        let rows = try db.fetch("""
            SELECT MIN(t.id) AS id, t.case_id, COUNT(*) AS n FROM trials t JOIN cases c ON c.id = t.case_id
            WHERE c.run_id = ? GROUP BY t.case_id
            """, runID)
        var counts: [Int64: Int] = [:]
        for fetched in rows {
            let row = try StoredRow(fetched, table: "trials", path: path)
            counts[try row.value("case_id")] = try row.value("n")
        }
        return counts
    }

    /// Samples of every case of the run, grouped by metric in first-recorded order; values in
    /// trial order, then sequence order.
    private func seriesByCase(_ db: any StoreConnection, runID: Int64) throws -> [Int64: [MetricSeries]] {
        let rows = try db.fetch("""
            SELECT s.id, t.id AS trial_id, t.case_id, t.trial_index, s.metric, s.unit, s.value
            FROM samples s JOIN trials t ON t.id = s.trial_id JOIN cases c ON c.id = t.case_id
            WHERE c.run_id = ?
            ORDER BY t.case_id, t.trial_index, s.sequence, s.id
            """, runID)
        var series: [Int64: [MetricSeries]] = [:]
        var positions: [Int64: [String: Int]] = [:]
        for fetched in rows {
            let sample = try StoredRow(fetched, table: "samples", path: path)
            let trialRow = try StoredRow(fetched, table: "trials", idColumn: "trial_id", path: path)
            let caseID: Int64 = try trialRow.value("case_id")
            let trial: Int = try trialRow.value("trial_index")
            let metric: String = try sample.value("metric")
            // NULL is how a NaN sample is stored.
            let value: Double = try sample.optional("value") ?? .nan
            if let position = positions[caseID]?[metric] {
                series[caseID]?[position].values.append(value)
                series[caseID]?[position].trials.append(trial)
            } else {
                let unit: String = try sample.value("unit")
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
            let rows = try db.fetch("""
                SELECT s.id, t.id AS trial_id, t.case_id, t.trial_index, s.value
                FROM samples s JOIN trials t ON t.id = s.trial_id JOIN cases c ON c.id = t.case_id
                WHERE c.run_id = ? AND s.metric = ? AND s.value IS NOT NULL
                ORDER BY t.case_id, t.trial_index
                """, runID, metric)
            var values: [Int64: [Int: [Double]]] = [:]
            for fetched in rows {
                let sample = try StoredRow(fetched, table: "samples", path: path)
                let trial = try StoredRow(fetched, table: "trials", idColumn: "trial_id", path: path)
                values[try trial.value("case_id"), default: [:]][try trial.value("trial_index"), default: []]
                    .append(try sample.value("value"))
            }
            return values.mapValues { trials in
                trials.keys.sorted().compactMap { trials[$0].flatMap { SampleSummary($0)?.median } }
            }
        }
    }
}
