import TensorCore

/// Layers applied in order; the composite most models are built from.
public final class Sequential: Layer {
    public let layers: [any Layer]
    public init(_ layers: [any Layer]) { self.layers = layers }

    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try layers.reduce(input) { try $1($0) }
    }
}

/// A parameter-free layer from a function (activations, reshapes).
public final class Lambda: Layer {
    private let body: (Tensor) throws -> Tensor
    public init(_ body: @escaping (Tensor) throws -> Tensor) { self.body = body }
    public var parameters: [Parameter] { [] }
    public func callAsFunction(_ input: Tensor) throws -> Tensor { try body(input) }
}
