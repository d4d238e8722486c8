/// One measured value as a trial hands it over. Codable as the worker protocol's `samples` entry
/// (`{"metric": "step_time", "unit": "ms", "value": 0.5}`; the value may be "NaN" / "Infinity" / "-Infinity" with
/// the worker message coder), so the wire form and the stored form are one type; the store assigns sequence numbers.
public struct MetricSample: Codable, Sendable, Equatable {
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
