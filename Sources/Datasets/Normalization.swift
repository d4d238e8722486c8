/// The normalisation a manifest declares, applied once at load time: x' = (x · scale − mean[c]) / std[c], with
/// c the channel (the first axis of the example shape; for flat features, each feature or one value for all).
/// This is torchvision's `ToTensor()` (scale 1/255) followed by `Normalize(mean, std)`, so published MNIST
/// statistics (mean 0.1307, std 0.3081) are used as is.
public struct Normalization: Sendable, Equatable, Hashable {
    public var scale: Float
    /// Empty, one value, or one per channel.
    public var mean: [Float]
    /// Empty, one value, or one per channel; every value > 0.
    public var standardDeviation: [Float]

    public init(scale: Float = 1, mean: [Float] = [], standardDeviation: [Float] = []) {
        self.scale = scale
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// Applies to every example of `split` in place; throws when the channel counts cannot match.
    public func apply(to split: inout LabeledSplit, dataset: String) throws {
        let channels = split.exampleShape.first ?? 1
        for (name, values) in [("mean", mean), ("std", standardDeviation)] where values.count > 1 && values.count != channels {
            throw DatasetError.invalidSetting(
                dataset: dataset,
                reason: "normalization \(name) has \(values.count) values; expected 1 or \(channels) (one per channel of examples shaped \(split.exampleShape))")
        }
        guard standardDeviation.allSatisfy({ $0 > 0 }) else {
            throw DatasetError.invalidSetting(dataset: dataset, reason: "normalization std must be > 0, found \(standardDeviation)")
        }
        let perChannel = split.exampleSize / max(channels, 1)
        let scale = self.scale
        let means = (0..<channels).map { mean.isEmpty ? 0 : mean[mean.count == 1 ? 0 : $0] }
        let inverseDeviations = (0..<channels).map {
            1 / (standardDeviation.isEmpty ? 1 : standardDeviation[standardDeviation.count == 1 ? 0 : $0])
        }
        split.features.withUnsafeMutableBufferPointer { values in
            var index = 0
            while index < values.count {
                for channel in 0..<channels {
                    let shift = means[channel], factor = inverseDeviations[channel]
                    for offset in index..<(index + perChannel) { values[offset] = (values[offset] * scale - shift) * factor }
                    index += perChannel
                }
            }
        }
    }
}
