/// Upper bounds on the protocol's counts and durations. They are far above any workload this tool can run on one
/// machine, and low enough that nothing derived from them (sizes multiplied out, step budgets, nanosecond
/// deadlines) can overflow: a protocol that passes `validate` must not trap at run time.
public enum ProtocolLimits {
    /// Training steps or inference iterations of one trial (10^9: years at a microsecond per step).
    public static let steps = 1_000_000_000
    public static let epochs = 1_000_000
    /// Examples per batch.
    public static let batchSize = 1 << 20
    /// Examples generated for one split of a synthetic dataset.
    public static let samples = 100_000_000
    /// Width of one hidden layer (an MLP's 65,536 × 65,536 layer already holds 17 GB of weights).
    public static let layerWidth = 65_536
    /// One dimension of a file dataset's example shape.
    public static let dimension = 1 << 24
    /// Tokens per example of a text dataset (BERT models take 512; dlbench's own transformer more).
    public static let textSequence = 8192
    /// Warm-up steps before a trial measures.
    public static let warmupSteps = 10_000_000
    /// Any duration in seconds (timeouts, budgets): one week.
    public static let seconds = 604_800.0
    /// Server scenario: requests per second.
    public static let rate = 1e9
}
