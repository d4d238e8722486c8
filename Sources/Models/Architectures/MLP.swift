import TensorCore

/// Multi-layer perceptron: Linear → activation for each hidden size, then a Linear to the class logits.
public enum MLP {
    public static func make(inputs: Int, hidden: [Int], outputs: Int, activation: ActivationFunction,
                            seed: UInt64) -> Sequential {
        var generator = SeededGenerator(seed: seed)
        var layers: [any Layer] = []
        var width = inputs
        for (index, size) in hidden.enumerated() {
            layers.append(Linear(inputs: width, outputs: size, name: "layers.\(index)", generator: &generator))
            layers.append(Lambda { try activation.apply($0) })
            width = size
        }
        layers.append(Linear(inputs: width, outputs: outputs, name: "layers.\(hidden.count)", generator: &generator))
        return Sequential(layers)
    }
}
