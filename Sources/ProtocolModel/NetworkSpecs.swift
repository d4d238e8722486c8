/// A LeNet-style convolutional classifier: for each convolution, conv → ReLU → max-pool, then a linear layer
/// to the classes. Input shape ([C, H, W]) and classes come from the dataset.
public struct CNNSpec: Sendable, Equatable, Hashable {
    public struct Convolution: Sendable, Equatable, Hashable {
        public var channels: Int
        public var kernel: Int
        public init(channels: Int, kernel: Int) {
            self.channels = channels
            self.kernel = kernel
        }
    }

    public enum Padding: String, Sendable, Equatable, Hashable, CaseIterable {
        /// kernel / 2 on each side: odd kernels keep H×W (PEERS W3 as 28 → 14 → 7).
        case same
        /// No padding (PyTorch's default Conv2d).
        case valid
    }

    public var convolutions: [Convolution]
    /// Max-pool window and stride; JSON default 2.
    public var pool: Int
    /// JSON default `same`.
    public var padding: Padding

    public init(convolutions: [Convolution], pool: Int = 2, padding: Padding = .same) {
        self.convolutions = convolutions
        self.pool = pool
        self.padding = padding
    }
}

/// A pre-norm transformer encoder classifier over token ids; vocabulary and sequence length come from the dataset.
public struct TransformerSpec: Sendable, Equatable, Hashable {
    public var modelWidth: Int
    public var heads: Int
    public var layers: Int
    public var feedForwardWidth: Int

    public init(modelWidth: Int, heads: Int, layers: Int, feedForwardWidth: Int) {
        self.modelWidth = modelWidth
        self.heads = heads
        self.layers = layers
        self.feedForwardWidth = feedForwardWidth
    }
}

/// An embedding → single-layer LSTM → linear classifier over token ids, classifying from the last hidden state.
public struct LSTMSpec: Sendable, Equatable, Hashable {
    public var embeddingWidth: Int
    public var hiddenWidth: Int

    public init(embeddingWidth: Int, hiddenWidth: Int) {
        self.embeddingWidth = embeddingWidth
        self.hiddenWidth = hiddenWidth
    }
}
