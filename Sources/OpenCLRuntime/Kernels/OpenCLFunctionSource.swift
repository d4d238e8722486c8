import TensorCore

/// OpenCL C spellings of TensorCore's pointwise functions, written to follow `UnaryFunction.evaluate` operation for
/// operation (e.g. rsqrt as 1/sqrt, GELU with the same constants) so device results stay within float rounding of
/// the CPU engines.
enum OpenCLFunctionSource {
    /// Helpers the generated expressions call.
    static let prelude = """
    #pragma OPENCL FP_CONTRACT OFF
    inline float gelu_tanh(float x) {
        float inner = 0.7978845608028654f * (x + 0.044715f * x * x * x);
        return 0.5f * x * (1.0f + tanh(inner));
    }
    inline float gelu_tanh_derivative(float x) {
        float inner = 0.7978845608028654f * (x + 0.044715f * x * x * x);
        float t = tanh(inner);
        float innerDerivative = 0.7978845608028654f * (1.0f + 3.0f * 0.044715f * x * x);
        return 0.5f * (1.0f + t) + 0.5f * x * (1.0f - t * t) * innerDerivative;
    }
    inline float gelu_erf(float x) { return 0.5f * x * (1.0f + erf(x * 0.7071067811865476f)); }
    inline float gelu_erf_derivative(float x) {
        float cdf = 0.5f * (1.0f + erf(x * 0.7071067811865476f));
        return cdf + x * 0.3989422804014327f * exp(-0.5f * x * x);
    }

    """

    static func unary(_ function: UnaryFunction, _ x: String) -> String {
        switch function {
        case .negate: return "(-\(x))"
        case .exp: return "exp(\(x))"
        case .log: return "log(\(x))"
        case .sqrt: return "sqrt(\(x))"
        case .rsqrt: return "(1.0f / sqrt(\(x)))"
        case .tanh: return "tanh(\(x))"
        case .sigmoid: return "(1.0f / (1.0f + exp(-\(x))))"
        case .relu: return "(\(x) > 0.0f ? \(x) : 0.0f)"
        case .square: return "(\(x) * \(x))"
        case .reciprocal: return "(1.0f / \(x))"
        case .abs: return "fabs(\(x))"
        case .positiveMask: return "(\(x) > 0.0f ? 1.0f : 0.0f)"
        case .geluTanh: return "gelu_tanh(\(x))"
        case .geluTanhDerivative: return "gelu_tanh_derivative(\(x))"
        case .geluErf: return "gelu_erf(\(x))"
        case .geluErfDerivative: return "gelu_erf_derivative(\(x))"
        case let .scale(factor): return "(\(x) * \(literal(factor)))"
        case let .shift(offset): return "(\(x) + \(literal(offset)))"
        }
    }

    static func binary(_ function: BinaryFunction, _ a: String, _ b: String) -> String { function.cExpression(a, b) }

    /// A float literal that round-trips exactly (Swift's shortest representation plus the f suffix).
    static func literal(_ value: Float) -> String {
        if value.isNaN { return "NAN" }
        if value.isInfinite { return value > 0 ? "INFINITY" : "(-INFINITY)" }
        let text = "\(value)"
        return value < 0 ? "(\(text)f)" : "\(text)f"
    }
}
