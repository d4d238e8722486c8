/// Which direction of change is an improvement, so reports and regression checks need no per-metric rules.
public enum MetricPolarity: String, Sendable, Equatable, Hashable, CaseIterable {
    case lowerIsBetter, higherIsBetter
}
