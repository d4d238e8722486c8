/// The settings of a training workload.
public struct TrainSpec: Sendable, Equatable, Hashable {
    /// ≥ 1.
    public var batchSize: Int
    /// The step budget; with a `target`, a trial that has not reached it by then is not converged.
    public var length: TrainingLength
    public var optimizer: OptimizerSpec
    /// Optional quality target for time-to-target.
    public var target: QualityTarget?
    /// Key `exportWeights`: a safetensors file (resolved against the protocol's directory) that receives the
    /// trained parameters after each trial, in `Checkpoint`'s PyTorch-compatible naming and layout.
    public var exportWeights: String?

    public init(batchSize: Int, length: TrainingLength, optimizer: OptimizerSpec, target: QualityTarget? = nil,
                exportWeights: String? = nil) {
        self.batchSize = batchSize
        self.length = length
        self.optimizer = optimizer
        self.target = target
        self.exportWeights = exportWeights
    }
}
