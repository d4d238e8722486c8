/// A quality a training run must reach, for time-to-target measurements (MLPerf training, DAWNBench).
///
/// Step time alone rewards engines that are fast but learn worse; time to a target quality does not.
public struct QualityTarget: Sendable, Equatable, Hashable {
    public var metric: TargetMetric
    /// The threshold: reached when the evaluated metric is at or beyond it in the metric's direction.
    public var value: Double
    /// Evaluate every this many training steps (≥ 1), counted from the first step of the trial.
    public var evaluateEvery: Int

    public init(metric: TargetMetric, value: Double, evaluateEvery: Int) {
        self.metric = metric
        self.value = value
        self.evaluateEvery = evaluateEvery
    }
}

/// The metrics a quality target may name; reached when the evaluation is ≥ the target value.
public enum TargetMetric: String, Sendable, Equatable, Hashable, CaseIterable {
    case testAccuracy = "test_accuracy"
}
