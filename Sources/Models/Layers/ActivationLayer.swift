import TensorCore

/// The pointwise nonlinearities a protocol can name.
public enum ActivationFunction: String, Sendable, CaseIterable {
    case relu, tanh, sigmoid, gelu

    public func apply(_ x: Tensor) throws -> Tensor {
        switch self {
        case .relu: return try x.relu()
        case .tanh: return try x.tanh()
        case .sigmoid: return try x.sigmoid()
        case .gelu: return try x.gelu()
        }
    }
}
