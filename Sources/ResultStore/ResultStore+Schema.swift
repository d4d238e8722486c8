extension ResultStore {
    /// Named migrations, oldest first. Never edit a shipped migration: add a new one, so files
    /// written by older builds upgrade and files from newer builds are recognised as such. The identifiers live in
    /// `grdb_migrations`, the table GRDB's migrator used, so files written by earlier builds read the same.
    static let migrations: [(identifier: String, sql: String)] = [
        ("v1-initial", initialSchema),
        ("v2-measurement", measurementSchema),
        ("v3-kernel-profile", kernelProfileSchema),
        ("v4-run-pairs", runPairSchema),
        ("v5-fleet", fleetSchema),
    ]

    private static let initialSchema = """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            protocol_name TEXT NOT NULL,
            protocol_path TEXT NOT NULL,
            protocol_text TEXT NOT NULL,
            protocol_hash TEXT NOT NULL,
            started_at DATETIME NOT NULL,
            ended_at DATETIME,
            status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
            dlbench_commit TEXT
        );
        CREATE INDEX runs_started_at ON runs(started_at);
        CREATE INDEX runs_protocol_hash ON runs(protocol_hash);

        CREATE TABLE machines (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            identity_hash TEXT NOT NULL,
            fingerprint_json TEXT NOT NULL,
            cpu_model TEXT NOT NULL,
            logical_cores INTEGER NOT NULL,
            memory_bytes INTEGER NOT NULL,
            os_name TEXT NOT NULL,
            kernel TEXT NOT NULL,
            swift_version TEXT NOT NULL,
            openblas_config TEXT NOT NULL,
            threads INTEGER NOT NULL,
            git_commit TEXT
        );
        CREATE INDEX machines_run_id ON machines(run_id);
        CREATE INDEX machines_identity_hash ON machines(identity_hash);

        CREATE TABLE cases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            machine_id INTEGER NOT NULL REFERENCES machines(id) ON DELETE CASCADE,
            task TEXT NOT NULL,
            task_kind TEXT NOT NULL,
            engine TEXT NOT NULL,
            engine_kind TEXT NOT NULL,
            model TEXT NOT NULL,
            dataset TEXT NOT NULL,
            batch_size INTEGER,
            status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped')),
            message TEXT,
            config_json TEXT NOT NULL
        );
        CREATE INDEX cases_run_id ON cases(run_id);
        CREATE INDEX cases_machine_id ON cases(machine_id);

        CREATE TABLE trials (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            trial_index INTEGER NOT NULL,
            started_at DATETIME NOT NULL,
            ended_at DATETIME NOT NULL,
            UNIQUE (case_id, trial_index)
        );

        CREATE TABLE samples (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
            metric TEXT NOT NULL,
            unit TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            value REAL,
            UNIQUE (trial_id, metric, sequence)
        );
        CREATE INDEX samples_metric ON samples(metric);
        """
}
