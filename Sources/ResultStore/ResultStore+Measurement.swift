import Foundation

/// How a run was measured: the seed of its interleaved order, the harness overhead, the isolation mode and
/// why it stopped adding trials.
public struct RunMeasurement: Sendable, Equatable {
    /// Stored as decimal text: SQLite integers are signed 64-bit, seeds are unsigned.
    public var orderSeed: UInt64?
    public var harnessOverheadNanoseconds: Double?
    /// "process" (one worker per trial) or "in-process".
    public var isolation: String?
    public var stoppingReason: String?

    public init(orderSeed: UInt64? = nil, harnessOverheadNanoseconds: Double? = nil, isolation: String? = nil,
                stoppingReason: String? = nil) {
        self.orderSeed = orderSeed
        self.harnessOverheadNanoseconds = harnessOverheadNanoseconds
        self.isolation = isolation
        self.stoppingReason = stoppingReason
    }
}

/// A stored warning; `caseID` is nil for run-wide warnings (load, frequency scaling).
public struct StoredWarning: Sendable, Equatable {
    public var caseID: Int64?
    public var kind: String
    public var message: String

    public init(caseID: Int64?, kind: String, message: String) {
        self.caseID = caseID
        self.kind = kind
        self.message = message
    }
}

extension ResultStore {
    /// Stores the cases of one round in the order they run.
    public func recordTrialOrder(runID: Int64, round: Int, caseIDs: [Int64]) throws {
        try write("recording the order of round \(round) of run \(runID)") { db in
            for (position, caseID) in caseIDs.enumerated() {
                try db.execute("INSERT INTO trial_order (run_id, round, position, case_id) VALUES (?, ?, ?, ?)",
                               runID, round, position, caseID)
            }
        }
    }

    /// The case ids of every round of `runID`, in run order.
    public func trialOrder(runID: Int64) throws -> [[Int64]] {
        try read("reading the trial order of run \(runID)") { db in
            let rows = try db.fetch("""
                SELECT \(db.dialect.rowIdentity(hasID: false)) AS row_identity, round, case_id FROM trial_order WHERE run_id = ? ORDER BY round, position
                """, runID)
            var rounds: [[Int64]] = []
            var currentRound: Int?
            for fetched in rows {
                let row = try StoredRow(fetched, table: "trial_order", idColumn: "row_identity", path: path)
                let round: Int = try row.value("round")
                if round != currentRound {
                    rounds.append([])
                    currentRound = round
                }
                rounds[rounds.count - 1].append(try row.value("case_id"))
            }
            return rounds
        }
    }

    public func recordWarning(runID: Int64, _ warning: StoredWarning) throws {
        try write("recording a warning for run \(runID)") { db in
            try db.execute("INSERT INTO run_warnings (run_id, case_id, kind, message) VALUES (?, ?, ?, ?)",
                           runID, warning.caseID, warning.kind, warning.message)
        }
    }

    public func warnings(runID: Int64) throws -> [StoredWarning] {
        try read("reading warnings of run \(runID)") { db in
            try db.fetch("SELECT id, case_id, kind, message FROM run_warnings WHERE run_id = ? ORDER BY id", runID).map { fetched in
                let row = try StoredRow(fetched, table: "run_warnings", path: path)
                return StoredWarning(caseID: try row.optional("case_id"), kind: try row.value("kind"),
                                     message: try row.value("message"))
            }
        }
    }

    /// Sets the measurement facts of `runID` (nil fields are stored as NULL).
    public func recordMeasurement(runID: Int64, _ measurement: RunMeasurement) throws {
        try write("recording measurement facts of run \(runID)") { db in
            let changed = try db.execute("""
                UPDATE runs SET order_seed = ?, harness_overhead_ns = ?, isolation = ?, stopping_reason = ? WHERE id = ?
                """, measurement.orderSeed.map { String($0) }, measurement.harnessOverheadNanoseconds,
                measurement.isolation, measurement.stoppingReason, runID)
            if changed == 0 { throw ResultStoreError.missingRow(path: path, table: "runs", id: runID) }
        }
    }

    public func measurement(runID: Int64) throws -> RunMeasurement? {
        try read("reading measurement facts of run \(runID)") { db in
            guard let fetched = try db.fetchOne("""
                SELECT id, order_seed, harness_overhead_ns, isolation, stopping_reason FROM runs WHERE id = ?
                """, runID) else { return nil }
            let row = try StoredRow(fetched, table: "runs", path: path)
            return RunMeasurement(orderSeed: try row.optional("order_seed"),
                                  harnessOverheadNanoseconds: try row.optional("harness_overhead_ns"),
                                  isolation: try row.optional("isolation"), stoppingReason: try row.optional("stopping_reason"))
        }
    }
}
