import TensorCore

/// C spellings of TensorCore's pointwise functions, operation for operation as `UnaryFunction.evaluate` and
/// `BinaryFunction.evaluate` compute them (same constants, same order, no FMA contraction), so a generated kernel
/// returns the interpreter's floats bit for bit.
enum CFunctionSource {
    static let prelude = """
    #include <stdint.h>
    #include <string.h>
    #include <math.h>
    static inline float dl_tanh(float input) {
        const float clamp = 7.90531110763549805f;
        float x = input < -clamp ? -clamp : input;
        x = x > clamp ? clamp : x;
        const float x2 = x * x;
        float p = -2.76076847742355e-16f;
        p = p * x2 + 2.00018790482477e-13f;
        p = p * x2 - 8.60467152213735e-11f;
        p = p * x2 + 5.12229709037114e-08f;
        p = p * x2 + 1.48572235717979e-05f;
        p = p * x2 + 6.37261928875436e-04f;
        p = p * x2 + 4.89352455891786e-03f;
        p = p * x;
        float q = 1.19825839466702e-06f;
        q = q * x2 + 1.18534705686654e-04f;
        q = q * x2 + 2.26843463243900e-03f;
        q = q * x2 + 4.89352518554385e-03f;
        const float result = p / q;
        return fabsf(input) < 0.0004f ? input : result;
    }
    static inline float dl_bits_float(uint32_t bits) { float value; memcpy(&value, &bits, 4); return value; }
    static inline uint32_t dl_float_bits(float value) { uint32_t bits; memcpy(&bits, &value, 4); return bits; }
    static inline float dl_exp(float input) {
        const float low = -87.33654f, high = 88.72283f;
        float x = input < low ? low : input;
        x = x > high ? high : x;
        const float shifted = x * 1.44269504088896341f + 12582912.0f;
        const float n = shifted - 12582912.0f;
        const float r = x - n * 0.693359375f + n * 2.12194440e-4f;
        float p = 1.9875691500e-4f;
        p = p * r + 1.3981999507e-3f;
        p = p * r + 8.3334519073e-3f;
        p = p * r + 4.1665795894e-2f;
        p = p * r + 1.6666665459e-1f;
        p = p * r + 5.0000001201e-1f;
        p = p * r * r + r + 1.0f;
        const int32_t exponent = (int32_t)(dl_float_bits(shifted) - 0x4B400000u);
        const int32_t half = exponent >> 1;
        const float first = dl_bits_float((uint32_t)(half + 127) << 23);
        const float second = dl_bits_float((uint32_t)(exponent - half + 127) << 23);
        const float result = p * first * second;
        return input < low ? 0.0f : (input > high ? INFINITY : (input != input ? input : result));
    }
    static inline float dl_gelu_tanh(float x) {
        const float inner = 0.7978845608028654f * (x + 0.044715f * x * x * x);
        return 0.5f * x * (1.0f + dl_tanh(inner));
    }
    static inline float dl_gelu_tanh_derivative(float x) {
        const float inner = 0.7978845608028654f * (x + 0.044715f * x * x * x);
        const float t = dl_tanh(inner);
        const float innerDerivative = 0.7978845608028654f * (1.0f + 3.0f * 0.044715f * x * x);
        return 0.5f * (1.0f + t) + 0.5f * x * (1.0f - t * t) * innerDerivative;
    }

    """

    /// The C expression, or nil for a function without a C spelling here (libm erf and log would not match
    /// Foundation's bit for bit on every platform, so groups using them stay interpreted).
    static func unary(_ function: UnaryFunction, _ x: String) -> String? {
        switch function {
        case .negate: return "(-\(x))"
        case .exp: return "dl_exp(\(x))"
        case .sqrt: return "sqrtf(\(x))"
        case .rsqrt: return "(1.0f / sqrtf(\(x)))"
        case .tanh: return "dl_tanh(\(x))"
        case .sigmoid: return "(1.0f / (1.0f + dl_exp(-\(x))))"
        case .relu: return "(\(x) > 0.0f ? \(x) : 0.0f)"
        case .square: return "(\(x) * \(x))"
        case .reciprocal: return "(1.0f / \(x))"
        case .abs: return "fabsf(\(x))"
        case .positiveMask: return "(\(x) > 0.0f ? 1.0f : 0.0f)"
        case .geluTanh: return "dl_gelu_tanh(\(x))"
        case .geluTanhDerivative: return "dl_gelu_tanh_derivative(\(x))"
        case let .scale(factor): return "(\(x) * \(literal(factor)))"
        case let .shift(offset): return "(\(x) + \(literal(offset)))"
        case .log, .geluErf, .geluErfDerivative: return nil
        }
    }

    static func binary(_ function: BinaryFunction, _ a: String, _ b: String) -> String { function.cExpression(a, b) }

    /// A float literal that round-trips exactly: the bit pattern, reinterpreted.
    static func literal(_ value: Float) -> String {
        "dl_bits_float(0x\(String(value.bitPattern, radix: 16))u)"
    }
}
