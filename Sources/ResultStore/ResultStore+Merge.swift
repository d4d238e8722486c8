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

    /// Copies every run of the database at `sourcePath` that this database does not hold yet, with its
    /// machines, cases, trials, samples, kernel profiles, trial order, warnings and A/B pairing, in one transaction.
    ///
    /// A run is identified by its protocol hash, start time and the environment identities of its
    /// machines, so merging the same file twice adds nothing, and runs from different machines never
    /// collide (machines stay per run, so fingerprints are never pooled). The source is opened (and
    /// migrated) first, so a file from a newer dlbench is refused.
    public func merge(from sourcePath: String) throws -> MergeSummary {
        guard FileManager.default.fileExists(atPath: sourcePath) else {
            throw ResultStoreError.cannotOpen(path: sourcePath, reason: "no such file")
        }
        _ = try ResultStore(path: sourcePath)
        let context = "merging \(sourcePath)"
        do {
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [sourcePath])
                defer { try? db.execute(sql: "DETACH DATABASE source") }
                var summary = MergeSummary()
                try db.inTransaction {
                    summary = try copyNewRuns(db)
                    return .commit
                }
                return summary
            }
        } catch {
            throw ResultStoreError.wrap(error, path: path, context: context)
        }
    }

    private func copyNewRuns(_ db: Database) throws -> MergeSummary {
        let present = Set(try runKeys(db, schema: "main").values)
        var summary = MergeSummary()
        var copiedRuns: [Int64: Int64] = [:]
        for (sourceRunID, key) in try runKeys(db, schema: "source").sorted(by: { $0.key < $1.key }) {
            if present.contains(key) {
                summary.runsAlreadyPresent += 1
                continue
            }
            var idMaps: [String: [Int64: Int64]] = [:]
            idMaps["runs"] = try copyRows(db, table: "runs", filter: "id = ?", arguments: [sourceRunID], idMaps: [:],
                                          references: [:])
            copiedRuns.merge(idMaps["runs"] ?? [:]) { first, _ in first }
            for entry in ResultStore.mergedTables {
                let parent = entry.references[entry.parentColumn] ?? ""
                let parentIDs = Array(idMaps[parent, default: [:]].keys)
                guard !parentIDs.isEmpty else { continue }
                let placeholders = parentIDs.map { _ in "?" }.joined(separator: ",")
                idMaps[entry.table] = try copyRows(
                    db, table: entry.table, filter: "\(entry.parentColumn) IN (\(placeholders))",
                    arguments: StatementArguments(parentIDs), idMaps: idMaps, references: entry.references)
            }
            summary.runsAdded += 1
        }
        try copyRunPairs(db, runs: copiedRuns)
        return summary
    }

    /// Run id → "protocol hash | started_at | sorted machine identity hashes" for one schema.
    /// A/B pairs whose two runs were both copied keep their pairing (with the new run ids).
    private func copyRunPairs(_ db: Database, runs: [Int64: Int64]) throws {
        let pairs = try Row.fetchAll(db, sql: "SELECT candidate_run_id, baseline_run_id, baseline_binary FROM source.run_pairs")
        for pair in pairs {
            guard let candidate = runs[pair["candidate_run_id"]], let baseline = runs[pair["baseline_run_id"]] else { continue }
            try db.execute(sql: "INSERT INTO run_pairs (candidate_run_id, baseline_run_id, baseline_binary) VALUES (?, ?, ?)",
                           arguments: [candidate, baseline, pair["baseline_binary"] as String])
        }
    }

    private func runKeys(_ db: Database, schema: String) throws -> [Int64: String] {
        var identities: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT run_id, identity_hash FROM \(schema).machines") {
            identities[row["run_id"], default: []].append(row["identity_hash"])
        }
        var keys: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, protocol_hash, CAST(started_at AS TEXT) AS started FROM \(schema).runs") {
            let id: Int64 = row["id"]
            let started: String = row["started"] ?? ""
            let hash: String = row["protocol_hash"]
            keys[id] = [hash, started, (identities[id] ?? []).sorted().joined(separator: ",")].joined(separator: "|")
        }
        return keys
    }

    /// Copies the matching rows of `source.table` into `main.table` (columns both have, `id` excluded),
    /// rewriting reference columns through `idMaps`; returns old id → new id (empty for tables without id).
    private func copyRows(_ db: Database, table: String, filter: String, arguments: StatementArguments,
                          idMaps: [String: [Int64: Int64]], references: [String: String]) throws -> [Int64: Int64] {
        let sourceColumns = try Row.fetchAll(db, sql: "PRAGMA source.table_info(\(table))").map { $0["name"] as String }
        let mainColumns = Set(try Row.fetchAll(db, sql: "PRAGMA main.table_info(\(table))").map { $0["name"] as String })
        let hasID = sourceColumns.contains("id")
        let columns = sourceColumns.filter { $0 != "id" && mainColumns.contains($0) }
        let quoted = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let insert = try db.makeStatement(sql: "INSERT INTO main.\(table) (\(quoted)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
        let selected = (hasID ? ["id"] : []) + columns
        let rows = try Row.fetchCursor(db, sql: "SELECT \(selected.map { "\"\($0)\"" }.joined(separator: ", ")) FROM source.\(table) WHERE \(filter)",
                                       arguments: arguments)
        var mapping: [Int64: Int64] = [:]
        while let row = try rows.next() {
            var values: [DatabaseValue] = []
            for column in columns {
                let value: DatabaseValue = row[column]
                if let target = references[column], let old = Int64.fromDatabaseValue(value) {
                    guard let new = idMaps[target]?[old] else {
                        throw ResultStoreError.corruptValue(path: path, table: table, id: hasID ? row["id"] : 0, column: column,
                                                            reason: "refers to \(target) row \(old), which is not in the merged run")
                    }
                    values.append(new.databaseValue)
                } else {
                    values.append(value)
                }
            }
            try insert.execute(arguments: StatementArguments(values))
            if hasID { mapping[row["id"]] = db.lastInsertedRowID }
        }
        return mapping
    }
}
