import Foundation

/// A reason to distrust a run's numbers, shown with the results and stored with them.
public struct NoiseWarning: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A metric's coefficient of variation is above the protocol's threshold.
        case highVariation = "high-variation"
        /// The 1-minute load average was high when the run started: other work competes for the CPUs.
        case highLoad = "high-load"
        /// The CPU frequency governor lets the clock change during the run.
        case frequencyScaling = "frequency-scaling"
        /// Timer overhead is not negligible against the smallest measured step.
        case harnessOverhead = "harness-overhead"
        /// The trials of one case ran at clearly different speeds (each trial is its own process).
        case trialSpread = "trial-spread"
        /// A trial could not measure a metric within its limits (a rate search that never bracketed its bound).
        case measurementLimit = "measurement-limit"
    }

    public var kind: Kind
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }
}

/// Checks that flag noisy conditions; each returns a warning with an actionable message or nil.
public enum NoiseCheck {
    /// Load average per logical core above which the machine counts as busy.
    public static let loadPerCoreThreshold = 0.5

    public static func load(average: Double?, logicalCores: Int) -> NoiseWarning? {
        guard let average, logicalCores > 0, average / Double(logicalCores) > loadPerCoreThreshold else { return nil }
        return NoiseWarning(kind: .highLoad, message: String(
            format: "load average %.2f on %d cores at start; %@", average, logicalCores, NoiseWarning.Kind.highLoad.hint))
    }

    /// Warns unless the governor is absent (not readable, e.g. in a VM) or `performance`.
    public static func governor(_ governor: String?) -> NoiseWarning? {
        guard let governor, governor != "performance" else { return nil }
        return NoiseWarning(kind: .frequencyScaling, message:
            "CPU frequency governor is '\(governor)'; \(NoiseWarning.Kind.frequencyScaling.hint)")
    }

    /// One warning per case listing every metric whose coefficient of variation exceeds `threshold`.
    public static func variation(label: String, coefficientsOfVariation: [(metric: String, value: Double)],
                                 threshold: Double) -> NoiseWarning? {
        let noisy = coefficientsOfVariation.filter { $0.value.isFinite && $0.value > threshold }
        guard !noisy.isEmpty else { return nil }
        let list = noisy.map { String(format: "%@ %.1f%%", $0.metric, $0.value * 100) }.joined(separator: ", ")
        return NoiseWarning(kind: .highVariation, message: String(
            format: "%@: CV above %.1f%% (%@); %@", label, threshold * 100, list, NoiseWarning.Kind.highVariation.hint))
    }

    /// Slowest over fastest per-trial median above which a case's trials count as disagreeing. Within one process
    /// step times vary by a few percent; on a 2-vCPU VM whole worker processes run up to 2x slower when the host
    /// moves the vCPUs (PEERS.md), which a pooled median and CV alone do not reveal.
    public static let trialSpreadThreshold = 1.25

    /// Warns when a case's per-trial medians of `metric` span more than `trialSpreadThreshold`.
    public static func trialSpread(label: String, metric: String, unit: String, trialMedians: [Double]) -> NoiseWarning? {
        let finite = trialMedians.filter { $0.isFinite && $0 > 0 }
        guard finite.count >= 2, let fastest = finite.min(), let slowest = finite.max(),
              slowest / fastest > trialSpreadThreshold else { return nil }
        return NoiseWarning(kind: .trialSpread, message: String(
            format: "%@: %@ trial medians range %.4g–%.4g %@ (%.2fx): %@; %@", label, metric, fastest, slowest, unit,
            slowest / fastest, NoiseWarning.Kind.trialSpread.meaning, NoiseWarning.Kind.trialSpread.hint))
    }

    /// Warns when the per-step overhead exceeds 1% of the smallest measured median step.
    public static func overhead(nanoseconds: Double, smallestStepNanoseconds: Double?) -> NoiseWarning? {
        guard let smallest = smallestStepNanoseconds, smallest > 0, nanoseconds > 0.01 * smallest else { return nil }
        return NoiseWarning(kind: .harnessOverhead, message: String(
            format: "harness overhead %.0f ns is %.1f%% of the smallest step (%.0f ns); %@",
            nanoseconds, nanoseconds / smallest * 100, smallest, NoiseWarning.Kind.harnessOverhead.hint))
    }
}
