/// The samples of one metric from one trial: one worker process, the unit of replication.
///
/// Steps inside a process share its CPU placement, cache and page state and clock frequency, so they are
/// sub-samples of the trial, not independent evidence; every interval and test in dlbench is built from
/// per-trial summaries (`TrialEstimate`, `TrialComparison`). `trial` is the round index (0-based): rounds
/// of two builds run side by side pair up by it.
public struct TrialSamples: Sendable, Equatable, Codable {
    public var trial: Int
    public var values: [Double]

    public init(trial: Int, values: [Double]) {
        self.trial = trial
        self.values = values
    }

    /// The trial's median, NaNs dropped; nil when nothing is left.
    public var median: Double? {
        let sorted = values.filter { !$0.isNaN }.sorted()
        return sorted.isEmpty ? nil : SampleSummary.percentile(50, ofSorted: sorted)
    }

    /// Groups samples by their trial index, in order of first appearance.
    public static func grouping(_ values: [Double], trials: [Int]) -> [TrialSamples] {
        precondition(values.count == trials.count, "one trial index per value")
        var groups: [TrialSamples] = []
        var positions: [Int: Int] = [:]
        for (value, trial) in zip(values, trials) {
            if let position = positions[trial] {
                groups[position].values.append(value)
            } else {
                positions[trial] = groups.count
                groups.append(TrialSamples(trial: trial, values: [value]))
            }
        }
        return groups
    }
}
