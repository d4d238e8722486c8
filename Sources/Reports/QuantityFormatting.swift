import Foundation

/// Chooses a readable unit and precision for a row of numbers sharing one unit.
///
/// A step time of 0.000734 s reads better as 734 µs; one scale is picked per row (from the
/// median) so that median, p10 and p90 stay directly comparable.
struct QuantityScale: Equatable {
    var divisor: Double
    var unit: String

    static func choose(unit: String, magnitude: Double?) -> QuantityScale {
        let size = abs(magnitude ?? 0)
        switch unit {
        case "s", "seconds":
            if size == 0 || size >= 1 { return QuantityScale(divisor: 1, unit: "s") }
            if size >= 1e-3 { return QuantityScale(divisor: 1e-3, unit: "ms") }
            if size >= 1e-6 { return QuantityScale(divisor: 1e-6, unit: "µs") }
            return QuantityScale(divisor: 1e-9, unit: "ns")
        case "ns", "nanoseconds":
            return choose(unit: "s", magnitude: size * 1e-9).rebased(from: 1e-9)
        case "ms", "milliseconds":
            return choose(unit: "s", magnitude: size * 1e-3).rebased(from: 1e-3)
        case "bytes", "B":
            let steps: [(Double, String)] = [(1_073_741_824, "GiB"), (1_048_576, "MiB"), (1024, "KiB")]
            for (divisor, label) in steps where size >= divisor {
                return QuantityScale(divisor: divisor, unit: label)
            }
            return QuantityScale(divisor: 1, unit: "B")
        default:
            return QuantityScale(divisor: 1, unit: unit)
        }
    }

    /// Adjusts a scale chosen for seconds so it applies to values already in another unit.
    private func rebased(from unitInSeconds: Double) -> QuantityScale {
        QuantityScale(divisor: divisor / unitInSeconds, unit: unit)
    }

    /// Formats `value` in this scale with about four significant digits.
    func format(_ value: Double?) -> String {
        guard let value else { return "" }
        return QuantityScale.format(value / divisor)
    }

    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        let size = abs(value)
        if size == 0 { return "0" }
        if size >= 1e7 || size < 1e-3 { return String(format: "%.3e", value) }
        let decimals = size >= 1000 ? 0 : size >= 100 ? 1 : size >= 10 ? 2 : 3
        return String(format: "%.\(decimals)f", value)
    }
}
