/// Figures an engine reports beside timings: what capture cost and what the memory plan saved.
public struct EngineStatistics: Sendable, Equatable {
    /// Total time spent capturing and compiling graphs so far (part of "time to first step").
    public var captureNanoseconds: UInt64 = 0
    public var graphsCompiled = 0
    /// Of the training-step graph most recently compiled.
    public var nodeCount = 0
    public var kernelsPerStep = 0
    public var arenaBytes = 0
    /// One buffer per intermediate, as an unplanned executor would hold them.
    public var naiveIntermediateBytes = 0
    /// Bytes read and written by the step's kernels (inputs plus outputs of each).
    public var kernelBytesPerStep = 0
    /// Fused groups of the step left to the blocked interpreter (see `GeneratedCodePass`).
    public var interpretedKernelsPerStep = 0

    // Device engines (zero elsewhere).
    /// The device the engine runs on, as "platform / device / driver / compute units / memory".
    public var device = ""
    /// Device bytes held now (parameters, state, arena, batch buffers) and their peak.
    public var deviceBytes = 0
    public var devicePeakBytes = 0
    /// Device buffers allocated so far; constant across replays once every graph is bound.
    public var deviceAllocations = 0
    /// Ops per training step that ran on the host (download, CPU kernel, upload) for want of a device kernel:
    /// nonzero means the step time is not a pure device figure.
    public var fallbackOperations = 0
    /// Time spent uploading batches (host → device), summed over all steps, apart from the step's kernels.
    public var uploadNanoseconds: UInt64 = 0
    /// Part of `captureNanoseconds` spent compiling device programs.
    public var programBuildNanoseconds: UInt64 = 0

    public init() {}
}

extension Engine {
    public var statistics: EngineStatistics? { nil }
    public func synchronizeModelParameters() {}
    public func takeKernelProfile() throws -> KernelProfile? { nil }
}
