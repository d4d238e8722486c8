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

extension StatisticFormatting {
    /// "about 14 trials per side would decide it" (per build for a paired run).
    static func trialsNeededSentence(_ comparison: SampleComparison) -> String {
        let side = comparison.design == .paired ? "build" : comparison.design == .reference ? "run" : "side"
        guard let needed = comparison.trialsNeeded else {
            return "too few trials to decide (at least 2 per \(side) are needed)"
        }
        if needed > 1000 && comparison.runSpread > 0 {
            return "more trials cannot decide it across separate runs (run-to-run spread \(percent(comparison.runSpread))); "
                + "run both builds in one interleaved run (dlbench run --baseline-binary)"
        }
        if needed > 1000 { return "the trials cannot decide it (more than 1000 per \(side) would be needed)" }
        return "cannot tell yet; about \(needed) trials per \(side) would decide it"
    }
}
