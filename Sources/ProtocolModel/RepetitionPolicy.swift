/// How often each case is repeated so that timings have statistics, not anecdotes.
public struct RepetitionPolicy: Sendable, Equatable, Hashable {
    /// Untimed steps (or calls) before the first trial, ≥ 0. Default 3.
    public var warmupSteps: Int
    /// Timed trials per case, 1...1000. Default 3.
    public var trials: Int

    public static let trialRange = 1...1000

    public init(warmupSteps: Int = 3, trials: Int = 3) {
        self.warmupSteps = warmupSteps
        self.trials = trials
    }
}
