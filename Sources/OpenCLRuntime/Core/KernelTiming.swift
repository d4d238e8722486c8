/// Device time of one kernel launch, read from its profiling event (start → end on the device clock), so a
/// report can say which kernel of a step dominates without host-side launch overhead blurring it.
public struct KernelTiming: Sendable, Equatable {
    public let kernelName: String
    public let seconds: Double
    /// Time from enqueue to start: queueing and launch overhead as the driver reports it.
    public let queuedSeconds: Double
}
