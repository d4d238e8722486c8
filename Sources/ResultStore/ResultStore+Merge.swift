import Foundation

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
        return try merge(from: try ResultStore(path: sourcePath, access: .readOnly))
    }

    /// The same from an open store: SQLite into PostgreSQL, PostgreSQL into SQLite, or either into its own kind.
    /// Runs are identified by their UUID where both sides have one, so a repeated or retried merge adds nothing.
    public func merge(from source: ResultStore) throws -> MergeSummary {
        try source.read("reading runs to merge") { sourceDB in
            try write("merging \(source.path)") { db in
                try MergeCopy(source: sourceDB, sourcePath: source.path, target: db, targetPath: path).copyNewRuns()
            }
        }
    }
}

/// One merge: reads from the source connection, writes into the target's open transaction.
private struct MergeCopy {
    let source: any StoreConnection
    let sourcePath: String
    let target: any StoreConnection
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

    /// Tables whose new ids later rows need.
    private static let referencedTables = Set(mergedTables.flatMap { $0.references.values }).union(["runs"])

    func copyNewRuns() throws -> MergeSummary {
        let present = try runKeys(target, path: targetPath).values
        let presentKeys = Set(present.map(\.key))
        let presentUUIDs = Set(present.compactMap(\.uuid))
        var summary = MergeSummary()
        var copiedRuns: [Int64: Int64] = [:]
        for (sourceRunID, key) in try runKeys(source, path: sourcePath).sorted(by: { $0.key < $1.key }) {
            if presentKeys.contains(key.key) || key.uuid.map(presentUUIDs.contains) == true {
                summary.runsAlreadyPresent += 1
                continue
            }
            var idMaps: [String: [Int64: Int64]] = [:]
            idMaps["runs"] = try copyRows(table: "runs", filter: "id = ?", arguments: [.integer(sourceRunID)],
                                          idMaps: [:], references: [:])
            copiedRuns.merge(idMaps["runs"] ?? [:]) { first, _ in first }
            for entry in Self.mergedTables {
                let parent = entry.references[entry.parentColumn] ?? ""
                let parentIDs = Array(idMaps[parent, default: [:]].keys)
                guard !parentIDs.isEmpty else { continue }
                let placeholders = parentIDs.map { _ in "?" }.joined(separator: ",")
                idMaps[entry.table] = try copyRows(
                    table: entry.table, filter: "\(entry.parentColumn) IN (\(placeholders))",
                    arguments: parentIDs.map(StoreValue.integer), idMaps: idMaps, references: entry.references)
            }
            summary.runsAdded += 1
        }
        try copyRunPairs(runs: copiedRuns)
        return summary
    }

    /// A/B pairs whose two runs were both copied keep their pairing (with the new run ids).
    private func copyRunPairs(runs: [Int64: Int64]) throws {
        let columns = ["candidate_run_id", "baseline_run_id", "baseline_binary"]
        let pairs = try source.fetch("SELECT \(columns.joined(separator: ", ")) FROM run_pairs")
        for fetched in pairs {
            let pair = try StoredRow(fetched, table: "run_pairs", idColumn: "candidate_run_id", path: sourcePath)
            try ResultStore.validate(pair, columns: columns)
            guard let candidate = runs[pair.id], let baseline = runs[try pair.value("baseline_run_id")] else { continue }
            try target.execute("INSERT INTO run_pairs (candidate_run_id, baseline_run_id, baseline_binary) VALUES (?, ?, ?)",
                               candidate, baseline, try pair.value("baseline_binary") as String)
        }
    }

    /// Run id → "protocol hash | started_at | sorted machine identity hashes" of one database, and the run's UUID
    /// where it has one (runs written before v5-fleet have none).
    private func runKeys(_ db: any StoreConnection, path: String) throws -> [Int64: (key: String, uuid: String?)] {
        var identities: [Int64: [String]] = [:]
        for fetched in try db.fetch("SELECT id, run_id, identity_hash FROM machines") {
            let row = try StoredRow(fetched, table: "machines", path: path)
            identities[try row.value("run_id"), default: []].append(try row.value("identity_hash"))
        }
        var keys: [Int64: (key: String, uuid: String?)] = [:]
        for fetched in try db.fetch("SELECT id, protocol_hash, CAST(started_at AS TEXT) AS started, run_uuid FROM runs") {
            let row = try StoredRow(fetched, table: "runs", path: path)
            let started: String = try row.optional("started") ?? ""
            let hash: String = try row.value("protocol_hash")
            let key = [hash, started, (identities[row.id] ?? []).sorted().joined(separator: ",")].joined(separator: "|")
            keys[row.id] = (key, try row.optional("run_uuid"))
        }
        return keys
    }

    private func columnNames(_ db: any StoreConnection, table: String) throws -> [String] {
        try db.fetch(db.dialect.columnsQuery, table).compactMap { String.stored(from: $0["name"]) }
    }

    /// Copies the matching rows of the source's `table` into the target's (columns both have, `id` excluded),
    /// checking every value and rewriting reference columns through `idMaps`; returns old id → new id (keyed by
    /// rowid, which is `id` where the table has one).
    private func copyRows(table: String, filter: String, arguments: [StoreValue],
                          idMaps: [String: [Int64: Int64]], references: [String: String]) throws -> [Int64: Int64] {
        let sourceColumns = try columnNames(source, table: table)
        let targetColumns = Set(try columnNames(target, table: table))
        let hasID = sourceColumns.contains("id")
        let columns = sourceColumns.filter { $0 != "id" && targetColumns.contains($0) }
        let quoted = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let insert = "INSERT INTO \(table) (\(quoted)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        let identity = source.dialect.rowIdentity(hasID: hasID)
        let rows = try source.fetch("SELECT \(identity) AS merge_rowid, \(quoted) FROM \(table) WHERE \(filter)", arguments)
        var mapping: [Int64: Int64] = [:]
        var pending: [[StoreValue]] = []
        for fetched in rows {
            let row = try StoredRow(fetched, table: table, idColumn: "merge_rowid", path: sourcePath)
            try ResultStore.validate(row, columns: columns)
            var values: [StoreValue] = []
            for column in columns {
                let value = try row.databaseValue(column)
                if let referenced = references[column], let old = Int64.stored(from: value) {
                    guard let new = idMaps[referenced]?[old] else {
                        throw ResultStoreError.corruptValue(path: sourcePath, table: table, id: row.id, column: column,
                                                            reason: "refers to \(referenced) row \(old), which is not in the merged run")
                    }
                    values.append(.integer(new))
                } else {
                    values.append(value)
                }
            }
            if hasID && Self.referencedTables.contains(table) {
                mapping[row.id] = try target.insert(insert, values)
            } else {
                pending.append(values)
            }
        }
        // Rows no other table refers to (samples, kernel profiles, warnings) need no new id: inserted in batches.
        try target.insertRows(into: table, columns: columns.map { "\"\($0)\"" }, pending)
        return mapping
    }
}
