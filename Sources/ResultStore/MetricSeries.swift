/// All samples of one metric within a case, in trial order then sequence order.
public struct MetricSeries: Sendable, Equatable {
    public var metric: String
    public var unit: String
    public var values: [Double]
    /// The trial (round) index of each value: the trial, not the step, is the unit of replication.
    public var trials: [Int]

    public init(metric: String, unit: String, values: [Double], trials: [Int]? = nil) {
        self.metric = metric
        self.unit = unit
        self.values = values
        self.trials = trials ?? [Int](repeating: 0, count: values.count)
    }
}
