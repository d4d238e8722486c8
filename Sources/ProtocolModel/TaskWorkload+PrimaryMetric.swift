/// The one metric that answers "how fast" for a task: the stopping rule plans trials on it and the headline
/// compares engines on it, so both must agree (the runner and the reports read it here).
extension TaskWorkload {
    /// Step time for training; latency for single-stream and server inference; throughput for offline inference
    /// (offline times all queries with one clock, so it records no per-query latency).
    public var primaryMetric: Metric {
        switch self {
        case .train: return .stepTime
        case let .infer(spec): return spec.scenario == .offline ? .samplesPerSecond : .latency
        }
    }
}
