/// The closed set of measurements a protocol may ask for.
///
/// Raw values are both the JSON names and the names stored in results, so they must never
/// change once released. Each metric knows its unit, its polarity and which task kinds produce it.
public enum Metric: String, Sendable, Equatable, Hashable, CaseIterable {
    case stepTime = "step_time"
    case samplesPerSecond = "samples_per_second"
    case finalLoss = "final_loss"
    case testAccuracy = "test_accuracy"
    case latency = "latency"
    case peakLiveBytes = "peak_live_bytes"

    public var unit: String {
        switch self {
        case .stepTime: return "ms"
        case .samplesPerSecond: return "samples/s"
        case .finalLoss: return "loss"
        case .testAccuracy: return "fraction"
        case .latency: return "ms"
        case .peakLiveBytes: return "bytes"
        }
    }

    public var polarity: MetricPolarity {
        switch self {
        case .samplesPerSecond, .testAccuracy: return .higherIsBetter
        case .stepTime, .finalLoss, .latency, .peakLiveBytes: return .lowerIsBetter
        }
    }

    /// The task kinds that produce this metric.
    public var appliesTo: Set<TaskKind> {
        switch self {
        case .stepTime, .finalLoss, .testAccuracy: return [.train]
        case .latency: return [.infer]
        case .samplesPerSecond, .peakLiveBytes: return [.train, .infer]
        }
    }

    public func applies(to kind: TaskKind) -> Bool { appliesTo.contains(kind) }
}
