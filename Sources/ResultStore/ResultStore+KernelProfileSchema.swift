extension ResultStore {
    /// Migration "v3-kernel-profile": per trial, each kernel's launches and time per measured step, in replay
    /// order (`position`), for engines asked to `profileKernels`. Rows go with their trial (cascade), so a deleted
    /// or never-finished trial leaves none behind.
    static let kernelProfileSchema = """
        CREATE TABLE kernel_profiles (
            trial_id INTEGER NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kernel TEXT NOT NULL,
            launches_per_step REAL NOT NULL,
            nanoseconds_per_step REAL NOT NULL,
            PRIMARY KEY (trial_id, position)
        );
        """
}
