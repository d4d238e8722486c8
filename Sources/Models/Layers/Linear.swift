import TensorCore

/// y = x·W + b, with W stored [inputs, outputs] so the forward pass is one GEMM without a transpose.
/// Initialised as PyTorch's `nn.Linear`: W, b ~ U(−1/√inputs, 1/√inputs) (Kaiming-uniform with a = √5).
public final class Linear: Layer {
    public let weight: Parameter
    public let bias: Parameter?

    public init(inputs: Int, outputs: Int, bias: Bool = true, name: String, generator: inout SeededGenerator) {
        let bound = 1 / Float(inputs).squareRoot()
        weight = Parameter(name: "\(name).weight", value: .uniform([inputs, outputs], bound: bound, generator: &generator))
        self.bias = bias ? Parameter(name: "\(name).bias", value: .uniform([outputs], bound: bound, generator: &generator)) : nil
    }

    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        let product = try input.matmul(weight.value)
        guard let bias else { return product }
        return try product + bias.value
    }
}
