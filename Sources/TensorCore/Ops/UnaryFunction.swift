import Foundation

/// The pointwise functions of one input. A closed set, so fusion and code generation can switch over it.
public enum UnaryFunction: Hashable, Sendable {
    case negate, exp, log, sqrt, rsqrt, tanh, sigmoid, relu, square, reciprocal, abs
    /// 1 where x > 0, else 0: the derivative of ReLU.
    case positiveMask
    case geluTanh, geluTanhDerivative, geluErf, geluErfDerivative
    case scale(Float), shift(Float)

    public var name: String {
        switch self {
        case .negate: return "neg"
        case .exp: return "exp"
        case .log: return "log"
        case .sqrt: return "sqrt"
        case .rsqrt: return "rsqrt"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case .relu: return "relu"
        case .square: return "square"
        case .reciprocal: return "reciprocal"
        case .abs: return "abs"
        case .positiveMask: return "positive_mask"
        case .geluTanh: return "gelu_tanh"
        case .geluTanhDerivative: return "gelu_tanh_derivative"
        case .geluErf: return "gelu_erf"
        case .geluErfDerivative: return "gelu_erf_derivative"
        case let .scale(factor): return "scale(\(factor))"
        case let .shift(offset): return "shift(\(offset))"
        }
    }

    static let sqrtTwoOverPi: Float = 0.7978845608028654
    static let geluCubic: Float = 0.044715
    static let inverseSqrtTwo: Float = 0.7071067811865476
    static let inverseSqrtTwoPi: Float = 0.3989422804014327

    /// The function at one point; kernels call it inside specialised loops.
    @inline(__always)
    public func evaluate(_ x: Float) -> Float {
        switch self {
        case .negate: return -x
        case .exp: return fastExp(x)
        case .log: return Foundation.log(x)
        case .sqrt: return x.squareRoot()
        case .rsqrt: return 1 / x.squareRoot()
        case .tanh: return fastTanh(x)
        case .sigmoid: return 1 / (1 + fastExp(-x))
        case .relu: return x > 0 ? x : 0
        case .square: return x * x
        case .reciprocal: return 1 / x
        case .abs: return Swift.abs(x)
        case .positiveMask: return x > 0 ? 1 : 0
        case .geluTanh:
            let inner = Self.sqrtTwoOverPi * (x + Self.geluCubic * x * x * x)
            return 0.5 * x * (1 + fastTanh(inner))
        case .geluTanhDerivative:
            let inner = Self.sqrtTwoOverPi * (x + Self.geluCubic * x * x * x)
            let t = fastTanh(inner)
            let innerDerivative = Self.sqrtTwoOverPi * (1 + 3 * Self.geluCubic * x * x)
            return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * innerDerivative
        case .geluErf:
            return 0.5 * x * (1 + Foundation.erf(x * Self.inverseSqrtTwo))
        case .geluErfDerivative:
            let cdf = 0.5 * (1 + Foundation.erf(x * Self.inverseSqrtTwo))
            return cdf + x * Self.inverseSqrtTwoPi * Foundation.exp(-0.5 * x * x)
        case let .scale(factor): return x * factor
        case let .shift(offset): return x + offset
        }
    }
}
