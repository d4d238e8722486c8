/// Where a trial is, for progress lines; sent by workers as `progress` messages.
public struct TrialProgress: Sendable, Equatable {
    /// "warmup", "measure" or "evaluate".
    public var phase: String
    public var step: Int
    /// Planned steps of the phase; 0 when open-ended.
    public var total: Int

    public init(phase: String, step: Int, total: Int) {
        self.phase = phase
        self.step = step
        self.total = total
    }
}
