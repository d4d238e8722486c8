/// How long a training task runs: a number of optimizer steps or of passes over the data.
///
/// In JSON exactly one of `steps` / `epochs` is given, each ≥ 1.
public enum TrainingLength: Sendable, Equatable, Hashable {
    case steps(Int)
    case epochs(Int)

    /// Optimizer steps for a dataset of `trainSamples` at `batchSize` (epochs round up to whole batches).
    public func totalSteps(trainSamples: Int, batchSize: Int) -> Int {
        switch self {
        case .steps(let count):
            return count
        case .epochs(let count):
            let batchesPerEpoch = max(1, (trainSamples + max(1, batchSize) - 1) / max(1, batchSize))
            return count * batchesPerEpoch
        }
    }
}
