import Engines
import Models
import TensorCore
import _TensorTestSupport

/// Small members of every model family with matching batches, for engine equivalence tests.
public struct ModelFamily {
    public let name: String
    public let make: () throws -> any Layer
    public let inputs: Tensor
    public let labels: Tensor

    public static func all(batch: Int = 4) throws -> [ModelFamily] {
        var generator = SeededGenerator(seed: 99)
        func tokens(_ shape: Shape, vocabulary: Int) -> Tensor {
            Tensor(shape: shape, values: (0..<shape.elementCount).map { _ in Float(generator.next() % UInt64(vocabulary)) })
        }
        /// Ids 1..<vocabulary with every other row ending in [PAD] (0), so the attention mask and pooling matter.
        func paddedTokens(batch: Int, length: Int, vocabulary: Int) -> Tensor {
            let values = (0..<batch * length).map { index -> Float in
                let row = index / length, column = index % length
                return row % 2 == 1 && column >= length - 2 ? 0 : Float(1 + generator.next() % UInt64(vocabulary - 1))
            }
            return Tensor(shape: [batch, length], values: values)
        }
        func labels(_ classes: Int) -> Tensor {
            Tensor(shape: [batch], values: (0..<batch).map { _ in Float(generator.next() % UInt64(classes)) })
        }
        return [
            ModelFamily(name: "mlp", make: { MLP.make(inputs: 6, hidden: [8, 7], outputs: 3, activation: .gelu, seed: 1) },
                        inputs: randomTensor([batch, 6], seed: 2), labels: labels(3)),
            ModelFamily(name: "cnn", make: {
                try CNN.make(inputShape: [1, 8, 8], convolutions: [(channels: 3, kernel: 3)], classes: 3, seed: 3)
            }, inputs: randomTensor([batch, 1, 8, 8], seed: 4), labels: labels(3)),
            ModelFamily(name: "transformer", make: {
                try Transformer.make(vocabulary: 11, sequenceLength: 5, modelWidth: 8, heads: 2, layers: 1,
                                     feedForwardWidth: 16, classes: 2, seed: 5)
            }, inputs: tokens([batch, 5], vocabulary: 11), labels: labels(2)),
            ModelFamily(name: "lstm", make: {
                try LSTMClassifier.make(vocabulary: 9, embeddingWidth: 4, hiddenWidth: 5, classes: 2, seed: 6)
            }, inputs: tokens([batch, 4], vocabulary: 9), labels: labels(2)),
            ModelFamily(name: "bert", make: {
                try Bert(.init(vocabulary: 13, hiddenWidth: 8, layers: 2, heads: 2, intermediateWidth: 16, maxPositions: 7,
                               classes: 3), seed: 7)
            }, inputs: paddedTokens(batch: batch, length: 6, vocabulary: 13), labels: labels(3)),
        ]
    }
}

/// Builds the engine under test for a model; eager is the reference.
public typealias EngineFactory = (_ model: any Layer, _ optimizer: any Optimizer) throws -> any Engine
