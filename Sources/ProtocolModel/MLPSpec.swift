/// A multi-layer perceptron: input → hidden layers → class logits.
///
/// Input and output widths come from the dataset, so the same model runs on any dataset.
public struct MLPSpec: Sendable, Equatable, Hashable {
    /// Hidden layer widths, each ≥ 1; empty means a linear classifier.
    public var hidden: [Int]
    /// JSON default: `relu`.
    public var activation: Activation

    public init(hidden: [Int], activation: Activation = .relu) {
        self.hidden = hidden
        self.activation = activation
    }
}
