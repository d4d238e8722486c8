/// One measured value as the runner hands it over; the store assigns sequence numbers.
public struct MetricSample: Sendable, Equatable {
    /// Metric name, e.g. "step_time" (a `Metric` raw value of ProtocolModel).
    public var metric: String
    public var unit: String
    public var value: Double

    public init(metric: String, unit: String, value: Double) {
        self.metric = metric
        self.unit = unit
        self.value = value
    }
}
