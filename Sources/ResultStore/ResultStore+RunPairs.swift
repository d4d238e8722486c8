
/// Two runs measured side by side in one interleaved A/B run (`dlbench run --baseline-binary`): the baseline
/// build's trials in one run, the current build's in the other, round by round, so trial i of each shared the
/// machine's moment and comparisons pair them.
public struct RunPair: Sendable, Equatable {
    public var baselineRunID: Int64
    public var candidateRunID: Int64
    /// The baseline build's executable, as given.
    public var baselineBinary: String

    public init(baselineRunID: Int64, candidateRunID: Int64, baselineBinary: String) {
        self.baselineRunID = baselineRunID
        self.candidateRunID = candidateRunID
        self.baselineBinary = baselineBinary
    }
}

extension ResultStore {
    /// Migration "v4-run-pairs": which runs form an interleaved A/B pair.
    static let runPairSchema = """
        CREATE TABLE run_pairs (
            candidate_run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
            baseline_run_id INTEGER NOT NULL UNIQUE REFERENCES runs(id) ON DELETE CASCADE,
            baseline_binary TEXT NOT NULL
        );
        """

    public func recordPair(_ pair: RunPair) throws {
        try write("recording the A/B pair of runs \(pair.baselineRunID) and \(pair.candidateRunID)") { db in
            try db.execute("INSERT INTO run_pairs (candidate_run_id, baseline_run_id, baseline_binary) VALUES (?, ?, ?)",
                           pair.candidateRunID, pair.baselineRunID, pair.baselineBinary)
        }
    }

    /// The pair `runID` belongs to (as baseline or candidate), or nil.
    public func pair(containing runID: Int64) throws -> RunPair? {
        try read("reading the A/B pair of run \(runID)") { db in
            guard let fetched = try db.fetchOne("""
                SELECT candidate_run_id, baseline_run_id, baseline_binary FROM run_pairs
                WHERE candidate_run_id = ? OR baseline_run_id = ?
                """, runID, runID) else { return nil }
            let row = try StoredRow(fetched, table: "run_pairs", idColumn: "candidate_run_id", path: path)
            return RunPair(baselineRunID: try row.value("baseline_run_id"), candidateRunID: row.id,
                           baselineBinary: try row.value("baseline_binary"))
        }
    }
}
