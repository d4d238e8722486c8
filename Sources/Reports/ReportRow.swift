import Foundation
import Measurement

/// One line of a comparison report: a case × metric with its summary statistics.
///
/// All renderers (CSV, terminal table, later markdown/JSON/HTML) read this one flat shape, so
/// they agree on numbers and only differ in layout. A case without numbers (failed, skipped, or
/// no samples) is one row whose statistics are nil and whose status/message say why.
public struct ReportRow: Sendable, Equatable {
    public var runID: Int64
    /// Protocol machine name.
    public var machine: String
    public var task: String
    public var taskKind: String
    public var engine: String
    public var model: String
    public var dataset: String
    public var batchSize: Int?
    /// Metric name; empty for a case without samples.
    public var metric: String
    public var unit: String
    /// Number of samples; 0 for a case without samples.
    public var n: Int
    public var median: Double?
    public var p10: Double?
    public var p90: Double?
    public var mean: Double?
    public var min: Double?
    public var max: Double?
    /// Case status raw value ("succeeded", "failed", …).
    public var caseStatus: String
    public var message: String?
    /// The machine's environment identity hash: rows of different identities are never compared.
    public var machineIdentity = ""
    /// The raw values behind the statistics (NaNs kept), for confidence intervals, rank tests and
    /// the JSON report; empty for a case without samples.
    public var samples: [Double] = []
    /// The trial (round) index of each of `samples`: intervals and tests are built per trial.
    public var sampleTrials: [Int] = []
    /// True for a baseline file's committed number (a reference value, not a sample of trials).
    public var isReference = false

    public init(runID: Int64, machine: String, task: String, taskKind: String, engine: String, model: String,
                dataset: String, batchSize: Int?, metric: String, unit: String, n: Int, median: Double?,
                p10: Double?, p90: Double?, mean: Double?, min: Double?, max: Double?, caseStatus: String,
                message: String?) {
        self.runID = runID
        self.machine = machine
        self.task = task
        self.taskKind = taskKind
        self.engine = engine
        self.model = model
        self.dataset = dataset
        self.batchSize = batchSize
        self.metric = metric
        self.unit = unit
        self.n = n
        self.median = median
        self.p10 = p10
        self.p90 = p90
        self.mean = mean
        self.min = min
        self.max = max
        self.caseStatus = caseStatus
        self.message = message
    }

    /// `samples` grouped by trial; every sample in trial 0 when no trial indexes were recorded.
    public var trialSamples: [TrialSamples] {
        let trials = sampleTrials.count == samples.count ? sampleTrials : [Int](repeating: 0, count: samples.count)
        return TrialSamples.grouping(samples, trials: trials)
    }

    /// The trial-level estimate and interval (see `TrialEstimate`), the interval widened by the run-to-run spread
    /// so that it is about the case on this machine, not only this run; nil without samples.
    public func trialEstimate(level: Double = 0.95,
                              runSpread: Double = ComparisonSettings.defaultRunSpread) -> TrialEstimate? {
        let drifts = !isReference && MetricDirection.driftsBetweenRuns(unit: unit)
        return TrialEstimate(trialSamples, level: level, runSpread: drifts ? runSpread : 0)
    }

    /// Number of trials with samples.
    public var trialCount: Int { trialSamples.count }
}
