import Foundation
import Measurement

extension ResultStore {
    /// Starts a run in status `running` and returns its id; `uuid` nil: a new one. `group` and `shard` place a shard
    /// of a sharded run (`dlbench run --shard I/N --group KEY`).
    public func beginRun(protocolName: String, protocolPath: String, protocolText: String,
                         startedAt: Date, dlbenchCommit: String?, group: String? = nil, shard: String? = nil,
                         uuid: String? = nil) throws -> Int64 {
        let hash = SHA256Hex.digest(of: protocolText)
        let uuid = uuid ?? UUID().uuidString.lowercased()
        return try write("beginning a run") { db in
            try db.insert("""
                INSERT INTO runs (protocol_name, protocol_path, protocol_text, protocol_hash, started_at, status, dlbench_commit,
                    run_uuid, run_group, shard)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, protocolName, protocolPath, protocolText, hash, startedAt, RunStatus.running.rawValue, dlbenchCommit,
                uuid, group, shard)
        }
    }

    /// Stores the fingerprint of a machine used by `runID`; returns the machine id.
    public func recordMachine(runID: Int64, name: String, fingerprint: EnvironmentFingerprint) throws -> Int64 {
        let json: String
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            json = String(decoding: try encoder.encode(fingerprint), as: UTF8.self)
        } catch {
            throw ResultStoreError.encoding(path: path, context: "fingerprint of machine \(name)", reason: "\(error)")
        }
        return try write("recording machine \(name)") { db in
            try db.insert("""
                INSERT INTO machines (run_id, name, identity_hash, fingerprint_json, cpu_model, logical_cores,
                    memory_bytes, os_name, kernel, swift_version, openblas_config, threads, git_commit)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, runID, name, fingerprint.identityHash, json, fingerprint.cpuModel, fingerprint.logicalCores,
                Int64(clamping: fingerprint.memoryBytes), fingerprint.osName, fingerprint.kernel, fingerprint.swiftVersion,
                fingerprint.openBLASConfig, fingerprint.threads, fingerprint.gitCommit)
        }
    }

    /// Stores a planned case in status `pending`; returns its id.
    public func addCase(_ newCase: NewCase) throws -> Int64 {
        try write("adding case \(newCase.task)/\(newCase.engine)") { db in
            try db.insert("""
                INSERT INTO cases (run_id, machine_id, task, task_kind, engine, engine_kind, model, dataset,
                    batch_size, status, config_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, newCase.runID, newCase.machineID, newCase.task, newCase.taskKind, newCase.engine,
                newCase.engineKind, newCase.model, newCase.dataset, newCase.batchSize, CaseStatus.pending.rawValue,
                newCase.configJSON)
        }
    }

    /// Marks a case as started.
    public func markCaseRunning(caseID: Int64) throws {
        try write("marking case \(caseID) running") { db in
            let changed = try db.execute("UPDATE cases SET status = ? WHERE id = ?", CaseStatus.running.rawValue, caseID)
            try requireChange(changed, table: "cases", id: caseID)
        }
    }

    /// Stores one trial, its samples and its kernel breakdown (empty unless the engine profiled kernels) in a
    /// single transaction, so a killed run keeps every trial it finished and never half of one. Sequence numbers
    /// count from 0 per metric, in the order given; kernels keep their order as `position`.
    public func recordTrial(caseID: Int64, index: Int, startedAt: Date, endedAt: Date,
                            samples: [MetricSample], kernelTimes: [KernelTime] = []) throws {
        if let bad = kernelTimes.first(where: { !$0.isStorable }) {
            throw ResultStoreError.encoding(
                path: path, context: "kernel time of '\(bad.kernel)' in trial \(index) of case \(caseID)",
                reason: "launches \(bad.launchesPerStep) and \(bad.nanosecondsPerStep) ns per step; expected finite, non-negative numbers")
        }
        try write("recording trial \(index) of case \(caseID)") { db in
            let trialID = try db.insert("INSERT INTO trials (case_id, trial_index, started_at, ended_at) VALUES (?, ?, ?, ?)",
                                        caseID, index, startedAt, endedAt)
            var nextSequence: [String: Int] = [:]
            let sampleRows = samples.map { sample -> [StoreValue] in
                let sequence = nextSequence[sample.metric, default: 0]
                nextSequence[sample.metric] = sequence + 1
                // SQLite cannot store NaN; it becomes NULL and reads back as NaN.
                let value: Double? = sample.value.isNaN ? nil : sample.value
                return [.integer(trialID), .text(sample.metric), .text(sample.unit), sequence.storeValue, value.storeValue]
            }
            try db.insertRows(into: "samples", columns: ["trial_id", "metric", "unit", "sequence", "value"], sampleRows)
            let kernelRows = kernelTimes.enumerated().map { position, time -> [StoreValue] in
                [.integer(trialID), position.storeValue, .text(time.kernel), .real(time.launchesPerStep),
                 .real(time.nanosecondsPerStep)]
            }
            try db.insertRows(into: "kernel_profiles",
                              columns: ["trial_id", "position", "kernel", "launches_per_step", "nanoseconds_per_step"],
                              kernelRows)
        }
    }

    /// Records how a case ended, with an optional message (error text, skip reason).
    public func finishCase(caseID: Int64, status: CaseStatus, message: String?) throws {
        try write("finishing case \(caseID)") { db in
            let changed = try db.execute("UPDATE cases SET status = ?, message = ? WHERE id = ?",
                                         status.rawValue, message, caseID)
            try requireChange(changed, table: "cases", id: caseID)
        }
    }

    /// Like `finishCase`, but only while the case is still pending or running (a finished case keeps its status).
    public func finishCaseIfOpen(caseID: Int64, status: CaseStatus, message: String?) throws {
        try write("finishing case \(caseID)") { db in
            try db.execute("UPDATE cases SET status = ?, message = ? WHERE id = ? AND status IN ('pending', 'running')",
                           status.rawValue, message, caseID)
        }
    }

    /// Records how a run ended.
    public func finishRun(runID: Int64, status: RunStatus, endedAt: Date) throws {
        try write("finishing run \(runID)") { db in
            let changed = try db.execute("UPDATE runs SET status = ?, ended_at = ? WHERE id = ?", status.rawValue, endedAt, runID)
            try requireChange(changed, table: "runs", id: runID)
        }
    }

    private func requireChange(_ changed: Int, table: String, id: Int64) throws {
        if changed == 0 {
            throw ResultStoreError.missingRow(path: path, table: table, id: id)
        }
    }
}
