import Foundation

/// One unit for a whole column: a metric's rows in one table share a scale, so 995.4 µs and 1.120 ms never stand
/// side by side (the eye compares digits, not units).
extension QuantityScale {
    /// The scale that shows the smallest non-zero finite magnitude with at least one digit before the point; when
    /// the largest would then need more than five digits, the scale of the geometric middle of the range instead.
    static func choose(unit: String, values: [Double?]) -> QuantityScale {
        let sizes = values.compactMap { $0 }.map(abs).filter { $0.isFinite && $0 > 0 }
        guard let smallest = sizes.min(), let largest = sizes.max() else { return choose(unit: unit, magnitude: nil) }
        let scale = choose(unit: unit, magnitude: smallest)
        if largest / scale.divisor < 1e5 { return scale }
        return choose(unit: unit, magnitude: (smallest * largest).squareRoot())
    }

    /// One scale per metric name over `rows` (from their trial estimates, or medians without an estimate).
    static func perMetric(_ rows: [ReportRow]) -> [String: QuantityScale] {
        var values: [String: [Double?]] = [:]
        var units: [String: String] = [:]
        for row in rows where !row.metric.isEmpty {
            values[row.metric, default: []].append(row.trialEstimate()?.estimate ?? row.median)
            units[row.metric] = units[row.metric] ?? row.unit
        }
        return values.reduce(into: [:]) { scales, entry in
            scales[entry.key] = choose(unit: units[entry.key] ?? "", values: entry.value)
        }
    }
}
