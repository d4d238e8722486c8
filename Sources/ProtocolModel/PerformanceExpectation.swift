/// A relation between two engines of one run that the protocol's author expects to hold, such as
/// "fused is at least 1.3× faster than eager on w1-train".
///
/// Absolute times differ from machine to machine and a shared CI machine is noisy, but ratios measured
/// inside one run (interleaved trials, same machine, same moment) are stable; `dlbench check` turns these
/// relations into a regression gate that needs no stored baseline.
public struct PerformanceExpectation: Sendable, Equatable, Hashable {
    /// Name of a task in `BenchmarkProtocol.tasks`.
    public var task: String
    /// The engine the claim is about.
    public var engine: String
    /// The engine it is compared with.
    public var baseline: String
    /// The metric compared; its polarity says which direction is "faster". JSON default: `step_time`.
    public var metric: Metric
    /// Restricts the check to one machine; nil checks every machine the task ran on.
    public var machine: String?
    /// Restricts the check to one inference batch size; nil checks every batch size.
    public var batchSize: Int?
    /// The engine must be better than the baseline by at least this factor (speedup ≥ value).
    public var atLeastFaster: Double?
    /// The engine may be worse than the baseline by at most this factor (speedup ≥ 1 / value).
    public var atMostSlower: Double?

    public init(task: String, engine: String, baseline: String, metric: Metric = .stepTime, machine: String? = nil,
                batchSize: Int? = nil, atLeastFaster: Double? = nil, atMostSlower: Double? = nil) {
        self.task = task
        self.engine = engine
        self.baseline = baseline
        self.metric = metric
        self.machine = machine
        self.batchSize = batchSize
        self.atLeastFaster = atLeastFaster
        self.atMostSlower = atMostSlower
    }

    /// The smallest speedup (baseline over engine, oriented by the metric's polarity) that satisfies
    /// every bound given; 1 / atMostSlower and atLeastFaster, whichever is stricter.
    public var minimumSpeedup: Double {
        let bounds = [atLeastFaster, atMostSlower.map { 1 / $0 }].compactMap { $0 }
        return bounds.max() ?? 0
    }

    /// "fused ≥ 1.3× faster than eager on w1-train (step_time)".
    public var summary: String {
        var bounds: [String] = []
        if let atLeastFaster { bounds.append("at least \(Self.format(atLeastFaster))× faster than") }
        if let atMostSlower { bounds.append("at most \(Self.format(atMostSlower))× slower than") }
        var text = "\(engine) \(bounds.joined(separator: " and ")) \(baseline) on \(task) (\(metric.rawValue))"
        if let machine { text += " on \(machine)" }
        if let batchSize { text += " at batch \(batchSize)" }
        return text
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
