extension ResultStore {
    /// Migration "v5-fleet": a run's UUID (so a run pushed, merged or retried from many machines into one shared
    /// database is recognised as the same run and never copied twice), the group its shards share, and which
    /// shard of the protocol's cases it ran ("2/4"; NULL for a whole run).
    static let fleetSchema = """
        ALTER TABLE runs ADD COLUMN run_uuid TEXT;
        ALTER TABLE runs ADD COLUMN run_group TEXT;
        ALTER TABLE runs ADD COLUMN shard TEXT;
        CREATE UNIQUE INDEX runs_run_uuid ON runs(run_uuid);
        CREATE INDEX runs_run_group ON runs(run_group);
        """
}
