extension ResultStore {
    /// Migration "v2-measurement": the interleaved trial order of every round (so drift can be checked
    /// against it and the order reproduced from its seed), noise warnings, and per-run measurement facts.
    static let measurementSchema = """
        CREATE TABLE trial_order (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            round INTEGER NOT NULL,
            position INTEGER NOT NULL,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            PRIMARY KEY (run_id, round, position)
        );

        CREATE TABLE run_warnings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            case_id INTEGER REFERENCES cases(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            message TEXT NOT NULL
        );
        CREATE INDEX run_warnings_run_id ON run_warnings(run_id);

        ALTER TABLE runs ADD COLUMN order_seed TEXT;
        ALTER TABLE runs ADD COLUMN harness_overhead_ns REAL;
        ALTER TABLE runs ADD COLUMN isolation TEXT;
        ALTER TABLE runs ADD COLUMN stopping_reason TEXT;
        """
}
