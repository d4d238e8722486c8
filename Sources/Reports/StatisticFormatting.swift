import Foundation
import Measurement

/// Shared wording of ratios, intervals and p-values, so every text format says them the same way.
enum StatisticFormatting {
    /// "1.234×".
    static func factor(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        return String(format: "%.3f×", value)
    }

    /// "1.180–1.240".
    static func interval(_ interval: ConfidenceInterval?) -> String {
        guard let interval else { return "-" }
        return String(format: "%.3f–%.3f", interval.lower, interval.upper)
    }

    /// "0.0042", "<1e-6", "-".
    static func pValue(_ value: Double?) -> String {
        guard let value else { return "-" }
        if value < 1e-6 { return "<1e-6" }
        if value < 0.001 { return String(format: "%.1e", value) }
        return String(format: "%.4f", value)
    }

    /// "5%", "2.5%".
    static func percent(_ fraction: Double) -> String {
        let value = fraction * 100
        return value.rounded() == value ? String(format: "%.0f%%", value) : String(format: "%.1f%%", value)
    }

    /// A speedup as a sentence fragment: "1.21× slower", "1.30× faster", "1.02× better".
    static func change(speedup: Double, isTime: Bool) -> String {
        if abs(speedup - 1) < 0.0005 { return "unchanged" }
        if speedup >= 1 { return factor(speedup) + (isTime ? " faster" : " better") }
        return factor(1 / speedup) + (isTime ? " slower" : " worse")
    }
}
