/// What each kind of warning means and what to do about it, said once: a grouped warning report prints these
/// once per kind instead of once per case (the messages end with the same words, so they can be split off).
extension NoiseWarning.Kind {
    /// What the condition means for the numbers.
    public var meaning: String {
        switch self {
        case .highVariation: return "steps of one trial varied more than repetition.noiseWarningCV"
        case .highLoad: return "other work competed for the CPUs when the run started"
        case .frequencyScaling: return "the CPU clock may change during the run"
        case .harnessOverhead: return "the timer's own cost is not negligible against the smallest step"
        case .trialSpread: return "some trials ran slower as a whole (another process, vCPU migration)"
        case .measurementLimit: return "a trial could not measure a metric within its limits"
        }
    }

    /// The action that addresses it.
    public var hint: String {
        switch self {
        case .highVariation: return "add trials or quiet the machine"
        case .highLoad: return "stop other work for stable timings"
        case .frequencyScaling: return "set 'performance' (cpupower frequency-set -g performance) for stable timings"
        case .harnessOverhead: return "time larger batches"
        case .trialSpread: return "add trials or compare on 1 thread"
        case .measurementLimit: return "the metric is missing for these cases; widen the task's limits"
        }
    }
}
