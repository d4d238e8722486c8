/// How queries reach the system under test, after MLPerf LoadGen's scenarios.
///
/// Latency alone hides how a system behaves under load; each scenario answers a different question:
/// how fast one query is served (single-stream), how much work fits in a second (offline), and how
/// latency (queueing included) holds up at a given arrival rate (server).
public enum InferenceScenario: String, Sendable, Equatable, Hashable, CaseIterable {
    /// One query of `batchSize` samples at a time, the next issued when the previous completes.
    case singleStream = "single-stream"
    /// Queries issued back to back with one clock around all of them: throughput at the batch size.
    case offline
    /// Queries arrive at Poisson-distributed times at `targetRate` per second (seeded schedule); latency runs
    /// from a query's arrival, so waiting in the queue counts.
    case server
}

/// Settings of the server scenario.
public struct ServerSettings: Sendable, Equatable, Hashable {
    /// Mean arrival rate, queries per second (> 0).
    public var targetRate: Double
    /// The p99 latency bound in milliseconds (> 0), queueing included.
    public var latencyBoundMilliseconds: Double
    /// When true, also search for the highest rate whose p99 latency meets the bound.
    public var searchHighestRate: Bool

    public init(targetRate: Double, latencyBoundMilliseconds: Double, searchHighestRate: Bool = false) {
        self.targetRate = targetRate
        self.latencyBoundMilliseconds = latencyBoundMilliseconds
        self.searchHighestRate = searchHighestRate
    }
}
