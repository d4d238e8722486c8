import Foundation

/// "Nice" tick values for a linear chart axis: steps of 1, 2 or 5 × 10^k, the axis widened to whole steps, so a
/// reader can interpolate (0, 50, 100, 150 µs rather than 0, 47.3, 94.6).
struct AxisTicks: Equatable {
    /// First and last tick: the axis domain.
    var lower: Double
    var upper: Double
    var step: Double

    /// About `targetCount` intervals covering `minimum`…`maximum`. Non-finite or reversed input gives 0…1; an empty
    /// range (all values equal) is widened around its value so that it still gets a readable axis.
    static func nice(minimum: Double, maximum: Double, targetCount: Int = 5) -> AxisTicks {
        guard minimum.isFinite, maximum.isFinite, minimum <= maximum else { return AxisTicks(lower: 0, upper: 1, step: 0.2) }
        var low = minimum
        var high = maximum
        if high - low <= abs(high) * 1e-12 {
            let pad = high == 0 ? 1 : abs(high) * 0.1
            low -= pad
            high += pad
        }
        let step = niceStep((high - low) / Double(max(targetCount, 1)))
        // The small tolerance keeps a value that is already a multiple of the step (up to rounding) as the end tick.
        let first = (low / step + 1e-9).rounded(.down) * step
        let last = (high / step - 1e-9).rounded(.up) * step
        return AxisTicks(lower: first, upper: max(last, first + step), step: step)
    }

    /// The smallest of 1, 2, 5 × 10^k at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let residual = rough / magnitude
        let factor: Double = residual <= 1 + 1e-9 ? 1 : residual <= 2 + 1e-9 ? 2 : residual <= 5 + 1e-9 ? 5 : 10
        return factor * magnitude
    }

    /// The tick values from `lower` to `upper`, computed from the index (no accumulated rounding) and snapped to
    /// the step's decimals, so 0.30000000000000004 prints and compares as 0.3.
    var values: [Double] {
        guard step > 0, upper >= lower else { return [] }
        let count = Int(((upper - lower) / step).rounded()) + 1
        let scale = pow(10, Double(decimals))
        return (0..<min(count, 1000)).map { index in
            let value = ((lower + Double(index) * step) * scale).rounded() / scale
            return value == 0 ? 0 : value
        }
    }

    /// Digits after the point that the step needs (0 for steps of 1 and more).
    var decimals: Int {
        guard step > 0, step.isFinite else { return 0 }
        return max(0, Int((-log10(step) - 1e-9).rounded(.up)))
    }

    /// A tick value as its label, with the step's decimals (a step of 0.5 labels "0.0", "0.5", "1.0").
    func label(_ value: Double) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// Where `value` falls on the axis, 0 at `lower` and 1 at `upper` (clamped, so a stray value stays in the plot).
    func fraction(_ value: Double) -> Double {
        guard upper > lower, value.isFinite else { return 0 }
        return min(max((value - lower) / (upper - lower), 0), 1)
    }
}
