/// The settings of a training workload.
public struct TrainSpec: Sendable, Equatable, Hashable {
    /// ≥ 1.
    public var batchSize: Int
    public var length: TrainingLength
    public var optimizer: OptimizerSpec

    public init(batchSize: Int, length: TrainingLength, optimizer: OptimizerSpec) {
        self.batchSize = batchSize
        self.length = length
        self.optimizer = optimizer
    }
}
