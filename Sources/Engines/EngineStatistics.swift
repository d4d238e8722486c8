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

    public init() {}
}

extension Engine {
    public var statistics: EngineStatistics? { nil }
    public func synchronizeModelParameters() {}
}
