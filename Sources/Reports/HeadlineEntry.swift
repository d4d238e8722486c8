import Foundation
import Measurement

/// One engine's line of a headline table: its primary metric with the trial-level CI, its speedup over the
/// baseline, and what it costs (peak memory, first step, break-even) and how closely it agrees with eager.
public struct HeadlineEntry: Sendable, Equatable {
    public var engine: String
    /// Case status raw value ("succeeded", "failed", "skipped", …) and its message.
    public var status: String
    public var message: String?
    public var isBaseline: Bool
    /// Trial-level estimate of the primary metric, as the full table shows it (run-to-run spread included).
    public var primary: TrialEstimate?
    /// Against the baseline within the run; nil for the baseline itself and without samples on either side.
    public var comparison: SampleComparison?
    public var peakRSS: TrialEstimate?
    /// Milliseconds (time_to_first_step is stored in ms).
    public var timeToFirstStep: TrialEstimate?
    /// The worst (largest) deviation_from_eager over the trials.
    public var agreement: Double?
    public var breakEven: BreakEven?

    public init(engine: String, status: String, message: String? = nil, isBaseline: Bool = false) {
        self.engine = engine
        self.status = status
        self.message = message
        self.isBaseline = isBaseline
    }

    public var succeeded: Bool { status == "succeeded" }
}
