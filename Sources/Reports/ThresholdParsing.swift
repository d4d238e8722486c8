import Foundation
import ProtocolModel

/// Reads thresholds as people write them on a command line: "5%" or "0.05", and per-metric overrides
/// "step_time=10%".
public enum ThresholdParsing {
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// A fraction ≥ 0 from "5%", "2.5%" or "0.05".
    public static func fraction(_ text: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let isPercent = trimmed.hasSuffix("%")
        guard let number = Double(isPercent ? String(trimmed.dropLast()) : trimmed), number.isFinite, number >= 0 else {
            throw Problem(description: "expected a threshold like 5% or 0.05, found '\(text)'")
        }
        return isPercent ? number / 100 : number
    }

    /// "metric=threshold" with a metric name this build knows.
    public static func metricThreshold(_ text: String) throws -> (metric: String, threshold: Double) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw Problem(description: "expected metric=threshold (e.g. step_time=10%), found '\(text)'")
        }
        guard Metric(rawValue: parts[0]) != nil else {
            let known = Metric.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem(description: "unknown metric '\(parts[0])' in '\(text)'; expected one of \(known)")
        }
        return (parts[0], try fraction(parts[1]))
    }
}
