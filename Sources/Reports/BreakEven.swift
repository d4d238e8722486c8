import Foundation
import Measurement

/// After how many training steps an engine with a start-up cost (capture, planning, compilation: a longer first
/// step) has overtaken the baseline: the question people ask of torch.compile, answered from the run.
///
/// With first steps f and later steps s, k steps take f + (k − 1)·s, so the engine is ahead once more than
/// n* = (f_engine − f_baseline) / (s_baseline − s_engine) steps followed the first. The interval is propagated
/// conservatively by interval arithmetic from the four trial-level intervals, each at 1 − 0.05/4 (Bonferroni):
/// all four cover together with probability at least 95%, and then n* lies within the bounds, so the bounds
/// cover n* with at least 95%. When the steps may not be faster at that level, the upper bound is unbounded.
public struct BreakEven: Sendable, Equatable {
    /// A trial-level estimate with its interval, in seconds.
    public struct Figure: Sendable, Equatable {
        public var estimate: Double
        public var lower: Double?
        public var upper: Double?

        public init(estimate: Double, lower: Double? = nil, upper: Double? = nil) {
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
        }
    }

    public enum Outcome: Sendable, Equatable {
        /// The engine's first step is not slower than the baseline's: nothing to pay off.
        case noStartUpCost
        /// Its later steps are not faster either: it never catches up.
        case never
        /// It overtakes after `estimate` further steps; `lower`/`upper` nil without intervals, `upper` also nil when
        /// the interval is unbounded (the step gain may be zero).
        case steps(estimate: Double, lower: Double?, upper: Double?)
    }

    /// Level of each of the four intervals, so that together they cover at 95%.
    public static let componentLevel = 1 - 0.05 / 4

    public let outcome: Outcome

    public init(baselineFirstStep: Figure, engineFirstStep: Figure, baselineStep: Figure, engineStep: Figure) {
        let cost = engineFirstStep.estimate - baselineFirstStep.estimate
        let gain = baselineStep.estimate - engineStep.estimate
        guard cost > 0 else {
            outcome = .noStartUpCost
            return
        }
        guard gain > 0 else {
            outcome = .never
            return
        }
        guard let firstLow = engineFirstStep.lower, let firstHigh = engineFirstStep.upper,
              let baseFirstLow = baselineFirstStep.lower, let baseFirstHigh = baselineFirstStep.upper,
              let stepLow = engineStep.lower, let stepHigh = engineStep.upper,
              let baseStepLow = baselineStep.lower, let baseStepHigh = baselineStep.upper else {
            outcome = .steps(estimate: cost / gain, lower: nil, upper: nil)
            return
        }
        let costLow = max(firstLow - baseFirstHigh, 0)
        let costHigh = firstHigh - baseFirstLow
        let gainLow = baseStepLow - stepHigh
        let gainHigh = baseStepHigh - stepLow
        let lower = gainHigh > 0 ? costLow / gainHigh : 0
        let upper: Double? = gainLow > 0 ? costHigh / gainLow : nil
        outcome = .steps(estimate: cost / gain, lower: lower, upper: upper)
    }

    /// From report rows of `time_to_first_step` and the step metric of an engine and the baseline; nil when a row
    /// has no samples or its unit is not a time.
    public init?(baselineFirstStep: ReportRow, engineFirstStep: ReportRow, baselineStep: ReportRow, engineStep: ReportRow) {
        guard let baseFirst = Self.figure(baselineFirstStep), let first = Self.figure(engineFirstStep),
              let baseStep = Self.figure(baselineStep), let step = Self.figure(engineStep) else { return nil }
        self.init(baselineFirstStep: baseFirst, engineFirstStep: first, baselineStep: baseStep, engineStep: step)
    }

    /// The row's trial estimate at `componentLevel`, within the run (no run-to-run spread: both engines share the
    /// run's drift), in seconds.
    static func figure(_ row: ReportRow) -> Figure? {
        guard let factor = UnitConversion.factor(from: row.unit, to: "s"),
              let estimate = row.trialEstimate(level: componentLevel, runSpread: 0), estimate.estimate.isFinite
        else { return nil }
        return Figure(estimate: estimate.estimate * factor, lower: estimate.interval.map { $0.lower * factor },
                      upper: estimate.interval.map { $0.upper * factor })
    }

    /// "310 (250–420)", "310 (≥ 250)", "never", "-" (no start-up cost); steps rounded outwards.
    public var text: String {
        switch outcome {
        case .noStartUpCost: return "-"
        case .never: return "never"
        case let .steps(estimate, lower, upper):
            let central = Self.count(estimate.rounded(.up))
            guard let lower else { return central }
            let low = Self.count(lower.rounded(.down))
            guard let upper else { return "\(central) (≥\(low))" }
            return "\(central) (\(low)–\(Self.count(upper.rounded(.up))))"
        }
    }

    /// An integer step count, saturating far beyond any run (an almost-zero gain).
    static func count(_ value: Double) -> String {
        guard value.isFinite, value < 1e12 else { return ">1e12" }
        return String(Int64(max(value, 0)))
    }
}
