import Foundation
import GRDB

/// What `merge(from:)` did.
public struct MergeSummary: Sendable, Equatable {
    /// Runs copied into this database.
    public var runsAdded = 0
    /// Runs of the source that were already here (same protocol hash, start time and machine identities).
    public var runsAlreadyPresent = 0

    public init(runsAdded: Int = 0, runsAlreadyPresent: Int = 0) {
        self.runsAdded = runsAdded
        self.runsAlreadyPresent = runsAlreadyPresent
    }
}

extension ResultStore {
    /// Copies every run of the database at `sourcePath` that this database does not hold yet, with its
    /// machines, cases, trials, samples, kernel profiles, trial order, warnings and A/B pairing, in one transaction.
    ///
    /// A run is identified by its protocol hash, start time and the environment identities of its
    /// machines, so merging the same file twice adds nothing, and runs from different machines never
    /// collide (machines stay per run, so fingerprints are never pooled). The source is opened read-only (never
    /// migrated or modified; a file from a newer dlbench or another program is refused), and every copied row
    /// goes through the readers' typed checks: one bad value refuses the merge and the transaction writes nothing.
    public func merge(from sourcePath: String) throws -> MergeSummary {
        guard FileManager.default.fileExists(atPath: sourcePath) else {
            throw ResultStoreError.cannotOpen(path: sourcePath, reason: "no such file")
        }
        let source = try ResultStore(path: sourcePath, access: .readOnly)
        return try source.read("reading runs to merge") { sourceDB in
            try write("merging \(sourcePath)") { db in
                try MergeCopy(source: sourceDB, sourcePath: sourcePath, target: db, targetPath: path).copyNewRuns()
            }
        }
    }
}

/// One merge: reads from the source connection, writes into the target's open transaction.
private struct MergeCopy {
    let source: Database
    let sourcePath: String
    let target: Database
    let targetPath: String

    /// Tables copied with a run, parents first, with the columns that refer to other copied rows.
    private static let mergedTables: [(table: String, parentColumn: String, references: [String: String])] = [
        ("machines", "run_id", ["run_id": "runs"]),
        ("cases", "run_id", ["run_id": "runs", "machine_id": "machines"]),
        ("trials", "case_id", ["case_id": "cases"]),
        ("samples", "trial_id", ["trial_id": "trials"]),
        ("kernel_profiles", "trial_id", ["trial_id": "trials"]),
        ("trial_order", "run_id", ["run_id": "runs", "case_id": "cases"]),
        ("run_warnings", "run_id", ["run_id": "runs", "case_id": "cases"]),
    ]

    func copyNewRuns() throws -> MergeSummary {
        let present = Set(try runKeys(target, path: targetPath).values)
        var summary = MergeSummary()
        var copiedRuns: [Int64: Int64] = [:]
        for (sourceRunID, key) in try runKeys(source, path: sourcePath).sorted(by: { $0.key < $1.key }) {
            if present.contains(key) {
                summary.runsAlreadyPresent += 1
                continue
            }
            var idMaps: [String: [Int64: Int64]] = [:]
            idMaps["runs"] = try copyRows(table: "runs", filter: "id = ?", arguments: [sourceRunID], idMaps: [:],
                                          references: [:])
            copiedRuns.merge(idMaps["runs"] ?? [:]) { first, _ in first }
            for entry in Self.mergedTables {
                let parent = entry.references[entry.parentColumn] ?? ""
                let parentIDs = Array(idMaps[parent, default: [:]].keys)
                guard !parentIDs.isEmpty else { continue }
                let placeholders = parentIDs.map { _ in "?" }.joined(separator: ",")
                idMaps[entry.table] = try copyRows(
                    table: entry.table, filter: "\(entry.parentColumn) IN (\(placeholders))",
                    arguments: StatementArguments(parentIDs), idMaps: idMaps, references: entry.references)
            }
            summary.runsAdded += 1
        }
        try copyRunPairs(runs: copiedRuns)
        return summary
    }

    /// A/B pairs whose two runs were both copied keep their pairing (with the new run ids).
    private func copyRunPairs(runs: [Int64: Int64]) throws {
        let columns = ["candidate_run_id", "baseline_run_id", "baseline_binary"]
        let pairs = try Row.fetchAll(source, sql: "SELECT \(columns.joined(separator: ", ")) FROM run_pairs")
        for fetched in pairs {
            let pair = try StoredRow(fetched, table: "run_pairs", idColumn: "candidate_run_id", path: sourcePath)
            try ResultStore.validate(pair, columns: columns)
            guard let candidate = runs[pair.id], let baseline = runs[try pair.value("baseline_run_id")] else { continue }
            try target.execute(sql: "INSERT INTO run_pairs (candidate_run_id, baseline_run_id, baseline_binary) VALUES (?, ?, ?)",
                               arguments: [candidate, baseline, try pair.value("baseline_binary") as String])
        }
    }

    /// Run id → "protocol hash | started_at | sorted machine identity hashes" of one database.
    private func runKeys(_ db: Database, path: String) throws -> [Int64: String] {
        var identities: [Int64: [String]] = [:]
        for fetched in try Row.fetchAll(db, sql: "SELECT id, run_id, identity_hash FROM machines") {
            let row = try StoredRow(fetched, table: "machines", path: path)
            identities[try row.value("run_id"), default: []].append(try row.value("identity_hash"))
        }
        var keys: [Int64: String] = [:]
        for fetched in try Row.fetchAll(db, sql: "SELECT id, protocol_hash, CAST(started_at AS TEXT) AS started FROM runs") {
            let row = try StoredRow(fetched, table: "runs", path: path)
            let started: String = try row.optional("started") ?? ""
            let hash: String = try row.value("protocol_hash")
            keys[row.id] = [hash, started, (identities[row.id] ?? []).sorted().joined(separator: ",")].joined(separator: "|")
        }
        return keys
    }

    private func columnNames(_ db: Database, table: String) throws -> [String] {
        try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { try $0.decode(String.self, forColumn: "name") }
    }

    /// Copies the matching rows of the source's `table` into the target's (columns both have, `id` excluded),
    /// checking every value and rewriting reference columns through `idMaps`; returns old id → new id (keyed by
    /// rowid, which is `id` where the table has one).
    private func copyRows(table: String, filter: String, arguments: StatementArguments,
                          idMaps: [String: [Int64: Int64]], references: [String: String]) throws -> [Int64: Int64] {
        let sourceColumns = try columnNames(source, table: table)
        let targetColumns = Set(try columnNames(target, table: table))
        let hasID = sourceColumns.contains("id")
        let columns = sourceColumns.filter { $0 != "id" && targetColumns.contains($0) }
        let quoted = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let insert = try target.makeStatement(
            sql: "INSERT INTO \(table) (\(quoted)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
        let rows = try Row.fetchCursor(source, sql: "SELECT rowid AS merge_rowid, \(quoted) FROM \(table) WHERE \(filter)",
                                       arguments: arguments)
        var mapping: [Int64: Int64] = [:]
        while let fetched = try rows.next() {
            let row = try StoredRow(fetched, table: table, idColumn: "merge_rowid", path: sourcePath)
            try ResultStore.validate(row, columns: columns)
            var values: [DatabaseValue] = []
            for column in columns {
                let value = try row.databaseValue(column)
                if let referenced = references[column], let old = Int64.fromDatabaseValue(value) {
                    guard let new = idMaps[referenced]?[old] else {
                        throw ResultStoreError.corruptValue(path: sourcePath, table: table, id: row.id, column: column,
                                                            reason: "refers to \(referenced) row \(old), which is not in the merged run")
                    }
                    values.append(new.databaseValue)
                } else {
                    values.append(value)
                }
            }
            try insert.execute(arguments: StatementArguments(values))
            if hasID { mapping[row.id] = target.lastInsertedRowID }
        }
        return mapping
    }
}
