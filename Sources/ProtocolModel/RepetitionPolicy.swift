/// How often each case is repeated, and when to stop, so that timings have statistics, not anecdotes.
///
/// Trials run in rounds: every unsettled case runs once per round, in a seeded random order, so slow drift
/// (thermal, background load) spreads over all engines instead of favouring one. `minTrials` rounds always
/// run; after that a case is settled once the trial-level 95% confidence interval of its primary metric is
/// narrow enough (`targetRelativeCIWidth`), or it has used `maxSecondsPerCase`; no new round starts after
/// `maxTrials` rounds or `maxDurationSeconds`.
///
/// A protocol that names no trial count gets the adaptive defaults (`adaptive`): 8 trials measure the spread
/// between processes, which plans up to 40 for a 5% wide trial-level interval, within 60 s of the case's own
/// trials. Trials, not steps, are the replicates; the defaults are calibrated in docs/regression-gate.md.
public struct RepetitionPolicy: Sendable, Equatable, Hashable {
    /// Untimed steps (or calls) before the timed ones, ≥ 0. Default 3.
    public var warmupSteps: Int
    /// When true, warm-up continues after `warmupSteps` until two consecutive windows of step times have
    /// medians within `warmupStabilityTolerance` of each other, or `maxWarmupSteps` steps were spent.
    public var warmupUntilStable: Bool
    /// Relative difference of consecutive window medians that counts as stable, in (0, 1). Default 0.05.
    public var warmupStabilityTolerance: Double
    /// Upper bound on warm-up steps when `warmupUntilStable` is on, ≥ 1. Default 1000.
    public var maxWarmupSteps: Int
    /// The nominal trial count, 1...1000. Default 3; `minTrials` and `maxTrials` default to it.
    public var trials: Int
    /// Rounds that always run, 1...1000.
    public var minTrials: Int
    /// Rounds that never get exceeded, `minTrials`...1000.
    public var maxTrials: Int
    /// No new round starts once the run has lasted this long (after `minTrials` rounds). Nil: no limit.
    public var maxDurationSeconds: Double?
    /// The trial-level 95% CI of a case's primary metric should be at most this wide, relative to the
    /// estimate: the first `minTrials` trials plan how many trials that takes (`StoppingRule`). Nil: every case
    /// runs `maxTrials` trials.
    public var targetRelativeCIWidth: Double?
    /// Wall-clock budget of one trial of one case; a worker past it is killed and the case fails. Default 600.
    public var caseTimeoutSeconds: Double
    /// Coefficient of variation above which a case × metric is flagged as noisy. Default 0.1.
    public var noiseWarningCV: Double
    /// A case adds no trial once its finished trials took this long in all (wall clock). Nil: no limit.
    public var maxSecondsPerCase: Double?

    public static let defaultMinTrials = 8
    public static let defaultMaxTrials = 40
    public static let defaultTargetRelativeCIWidth = 0.05
    public static let defaultMaxSecondsPerCase = 60.0

    /// The policy of a protocol that names no trial count: trials until the interval is narrow enough.
    public static func adaptive(warmupSteps: Int = 3, minTrials: Int? = nil, maxTrials: Int? = nil,
                                targetRelativeCIWidth: Double? = nil, maxSecondsPerCase: Double? = nil) -> RepetitionPolicy {
        let minimum = minTrials ?? min(defaultMinTrials, maxTrials ?? defaultMinTrials)
        var policy = RepetitionPolicy(warmupSteps: warmupSteps, trials: minimum, minTrials: minimum,
                                      maxTrials: maxTrials ?? max(defaultMaxTrials, minimum),
                                      targetRelativeCIWidth: targetRelativeCIWidth ?? defaultTargetRelativeCIWidth)
        policy.maxSecondsPerCase = maxSecondsPerCase ?? defaultMaxSecondsPerCase
        return policy
    }

    public static let trialRange = 1...1000
    public static let defaultCaseTimeoutSeconds = 600.0

    public init(warmupSteps: Int = 3, trials: Int = 3, minTrials: Int? = nil, maxTrials: Int? = nil,
                warmupUntilStable: Bool = false, warmupStabilityTolerance: Double = 0.05, maxWarmupSteps: Int = 1000,
                maxDurationSeconds: Double? = nil, targetRelativeCIWidth: Double? = nil,
                caseTimeoutSeconds: Double = RepetitionPolicy.defaultCaseTimeoutSeconds, noiseWarningCV: Double = 0.1,
                maxSecondsPerCase: Double? = nil) {
        self.warmupSteps = warmupSteps
        self.trials = trials
        let resolvedMinimum = minTrials ?? min(trials, maxTrials ?? trials)
        self.minTrials = resolvedMinimum
        self.maxTrials = maxTrials ?? max(trials, resolvedMinimum)
        self.warmupUntilStable = warmupUntilStable
        self.warmupStabilityTolerance = warmupStabilityTolerance
        self.maxWarmupSteps = maxWarmupSteps
        self.maxDurationSeconds = maxDurationSeconds
        self.targetRelativeCIWidth = targetRelativeCIWidth
        self.caseTimeoutSeconds = caseTimeoutSeconds
        self.noiseWarningCV = noiseWarningCV
        self.maxSecondsPerCase = maxSecondsPerCase
    }
}
