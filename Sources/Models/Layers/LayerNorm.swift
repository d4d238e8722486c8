import TensorCore

/// Layer normalisation over the last axis with learned scale (ones) and shift (zeros), ε = 1e-5, as PyTorch's
/// `nn.LayerNorm(width)`.
public final class LayerNorm: Layer {
    public let gamma: Parameter
    public let beta: Parameter
    public let epsilon: Float
    public init(width: Int, epsilon: Float = 1e-5, name: String) {
        gamma = Parameter(name: "\(name).weight", value: .filled([width], value: 1))
        beta = Parameter(name: "\(name).bias", value: .zeros([width]))
        self.epsilon = epsilon
    }
    public var parameters: [Parameter] { [gamma, beta] }
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try input.layerNorm(gamma: gamma.value, beta: beta.value, epsilon: epsilon)
    }
}
