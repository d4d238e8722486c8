/// The settings of an inference workload: which batch sizes to time, and how many calls each.
public struct InferSpec: Sendable, Equatable, Hashable {
    /// Non-empty, each ≥ 1, no duplicates.
    public var batchSizes: [Int]
    /// Calls per trial per batch size, ≥ 1. JSON default: 100.
    public var iterations: Int

    public init(batchSizes: [Int], iterations: Int = 100) {
        self.batchSizes = batchSizes
        self.iterations = iterations
    }
}
