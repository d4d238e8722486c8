/// The pointwise functions of two broadcast inputs.
public enum BinaryFunction: String, Hashable, Sendable {
    case add, subtract, multiply, divide
    /// 1 where a == b, else 0: routes a max-reduction's gradient to the arguments of the maximum.
    case equalMask = "equal_mask"

    @inline(__always)
    public func evaluate(_ a: Float, _ b: Float) -> Float {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .equalMask: return a == b ? 1 : 0
        }
    }
}
