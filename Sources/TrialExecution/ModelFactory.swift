import Datasets
import Models
import ProtocolModel
import TensorCore

/// Builds a protocol's model for a dataset: input shape, classes and vocabulary come from the data, so one
/// model entry runs on any compatible dataset.
enum ModelFactory {
    static func make(_ spec: ModelSpec, dataset: LabeledDataset, seed: UInt64) throws -> any Layer {
        let shape = dataset.train.exampleShape
        let classes = dataset.train.classes
        switch spec.architecture {
        case let .mlp(mlp):
            guard let activation = ActivationFunction(rawValue: mlp.activation.rawValue) else {
                throw RunnerError.unsupported("activation '\(mlp.activation.rawValue)' is not implemented")
            }
            let network = MLP.make(inputs: dataset.train.exampleSize, hidden: mlp.hidden, outputs: classes,
                                   activation: activation, seed: seed)
            // Image-shaped examples ([C, H, W]) are flattened first, so an MLP runs on any dataset.
            return shape.count > 1 ? Sequential([Flatten(), network]) : network
        case let .cnn(cnn):
            guard shape.count == 3 else {
                throw RunnerError.unsupported("model '\(spec.name)' (cnn) needs image examples [C, H, W]; dataset '\(dataset.name)' has examples of shape \(shape)")
            }
            return try CNN.make(inputShape: shape, convolutions: cnn.convolutions.map { ($0.channels, $0.kernel) },
                                pool: cnn.pool, classes: classes, padding: cnn.padding == .valid ? 0 : nil, seed: seed)
        case let .transformer(transformer):
            let sequence = try sequenceLength(spec, dataset)
            return try Transformer.make(vocabulary: vocabulary(dataset), sequenceLength: sequence,
                                        modelWidth: transformer.modelWidth, heads: transformer.heads,
                                        layers: transformer.layers, feedForwardWidth: transformer.feedForwardWidth,
                                        classes: classes, seed: seed)
        case let .bert(bert):
            let sequence = try sequenceLength(spec, dataset)
            guard sequence <= bert.maxPositions else {
                throw RunnerError.unsupported("model '\(spec.name)' (bert) has \(bert.maxPositions) positions; dataset '\(dataset.name)' has sequences of \(sequence) tokens")
            }
            let tokens = vocabulary(dataset)
            if let declared = bert.vocabulary, tokens > declared {
                throw RunnerError.unsupported("model '\(spec.name)' (bert) has a vocabulary of \(declared) tokens; dataset '\(dataset.name)' has token ids up to \(tokens - 1) (tokenize with the model's own tokenizer.json)")
            }
            let configuration = Bert.Configuration(
                vocabulary: bert.vocabulary ?? tokens, hiddenWidth: bert.hiddenWidth, layers: bert.layers, heads: bert.heads,
                intermediateWidth: bert.intermediateWidth, maxPositions: bert.maxPositions, typeVocabulary: bert.typeVocabulary,
                layerNormEpsilon: Float(bert.layerNormEpsilon), classes: bert.head == .classifier ? classes : nil)
            return try Bert(configuration, seed: seed)
        case let .lstm(lstm):
            _ = try sequenceLength(spec, dataset)
            return try LSTMClassifier.make(vocabulary: vocabulary(dataset), embeddingWidth: lstm.embeddingWidth,
                                           hiddenWidth: lstm.hiddenWidth, classes: classes, seed: seed)
        }
    }

    private static func sequenceLength(_ spec: ModelSpec, _ dataset: LabeledDataset) throws -> Int {
        guard dataset.train.exampleShape.count == 1 else {
            throw RunnerError.unsupported("model '\(spec.name)' needs token sequences [S]; dataset '\(dataset.name)' has examples of shape \(dataset.train.exampleShape)")
        }
        return dataset.train.exampleShape[0]
    }

    /// The declared vocabulary, or one more than the largest token id in the data.
    private static func vocabulary(_ dataset: LabeledDataset) -> Int {
        if let declared = dataset.vocabulary { return declared }
        let largest = max(dataset.train.features.max() ?? 0, dataset.test.features.max() ?? 0)
        return Int(largest) + 1
    }
}
