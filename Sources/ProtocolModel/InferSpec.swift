/// The settings of an inference workload: which batch sizes to time, how queries arrive, and how many.
public struct InferSpec: Sendable, Equatable, Hashable {
    /// Non-empty, each ≥ 1, no duplicates. Each query carries one batch of this many samples.
    public var batchSizes: [Int]
    /// The minimum number of queries per trial per batch size, ≥ 1. JSON default: 100.
    public var iterations: Int
    /// JSON default: single-stream (the original behaviour: calls back to back, each timed).
    public var scenario: InferenceScenario
    /// Queries continue until at least this much measured time has passed as well (≥ 0). JSON default: 0.
    public var minDurationSeconds: Double
    /// Present exactly when `scenario` is `.server`.
    public var server: ServerSettings?

    public init(batchSizes: [Int], iterations: Int = 100, scenario: InferenceScenario = .singleStream,
                minDurationSeconds: Double = 0, server: ServerSettings? = nil) {
        self.batchSizes = batchSizes
        self.iterations = iterations
        self.scenario = scenario
        self.minDurationSeconds = minDurationSeconds
        self.server = server
    }
}
