import TensorCore

/// 2-D convolution over NCHW input, weight [outputs, inputs, kernel, kernel] (PyTorch's OIHW layout).
/// Initialised as PyTorch's `nn.Conv2d`: weight and bias ~ U(−1/√fanIn, 1/√fanIn) with fanIn = inputs·kernel²
/// (Kaiming-uniform with a = √5), drawn weight first, then bias, from `generator`.
public final class Conv2D: Layer {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: Int
    public let padding: Int

    public init(inputs: Int, outputs: Int, kernel: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true,
                name: String, generator: inout SeededGenerator) {
        let bound = 1 / Float(inputs * kernel * kernel).squareRoot()
        weight = Parameter(name: "\(name).weight",
                           value: .uniform([outputs, inputs, kernel, kernel], bound: bound, generator: &generator))
        self.bias = bias ? Parameter(name: "\(name).bias", value: .uniform([outputs], bound: bound, generator: &generator)) : nil
        self.stride = stride
        self.padding = padding
    }

    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try input.conv2d(weight.value, bias: bias?.value, stride: stride, padding: padding)
    }
}

/// Max pooling over H and W of NCHW input; stride defaults to the kernel size.
public final class MaxPool2D: Layer {
    public let kernel: Int, stride: Int, padding: Int
    public init(kernel: Int, stride: Int? = nil, padding: Int = 0) {
        self.kernel = kernel; self.stride = stride ?? kernel; self.padding = padding
    }
    public var parameters: [Parameter] { [] }
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try input.maxPool2d(kernel: kernel, stride: stride, padding: padding)
    }
}

/// Average pooling over H and W of NCHW input (padding counts as zeros); stride defaults to the kernel size.
public final class AvgPool2D: Layer {
    public let kernel: Int, stride: Int, padding: Int
    public init(kernel: Int, stride: Int? = nil, padding: Int = 0) {
        self.kernel = kernel; self.stride = stride ?? kernel; self.padding = padding
    }
    public var parameters: [Parameter] { [] }
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try input.avgPool2d(kernel: kernel, stride: stride, padding: padding)
    }
}

/// [N, d1, d2, …] → [N, d1·d2·…] (PyTorch's `nn.Flatten()` with its default start axis 1).
public final class Flatten: Layer {
    public init() {}
    public var parameters: [Parameter] { [] }
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard input.shape.rank > 2 else { return input }
        return try input.reshaped([input.shape[0], input.elementCount / Swift.max(input.shape[0], 1)])
    }
}
