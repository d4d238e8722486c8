import TensorCore

/// The IR of a fused elementwise group: a tree over the group's inputs, constants and TensorCore's own pointwise
/// functions. Any chain of elementwise ops (with broadcasting) becomes one expression and so one kernel, and
/// because it reuses `UnaryFunction`/`BinaryFunction`, the lowering maps graph nodes onto it one to one.
public indirect enum ElementwiseExpression: Hashable, Sendable {
    /// The group's input at this position, read with its own broadcast strides.
    case input(Int)
    case constant(Float)
    case unary(UnaryFunction, ElementwiseExpression)
    case binary(BinaryFunction, ElementwiseExpression, ElementwiseExpression)

    /// The largest input index used plus one (0 when the expression reads no input).
    public var inputCount: Int {
        switch self {
        case let .input(index): return index + 1
        case .constant: return 0
        case let .unary(_, operand): return operand.inputCount
        case let .binary(_, left, right): return Swift.max(left.inputCount, right.inputCount)
        }
    }

    public func map(_ function: UnaryFunction) -> ElementwiseExpression { .unary(function, self) }

    public static func + (a: ElementwiseExpression, b: ElementwiseExpression) -> ElementwiseExpression { .binary(.add, a, b) }
    public static func - (a: ElementwiseExpression, b: ElementwiseExpression) -> ElementwiseExpression {
        .binary(.subtract, a, b)
    }
    public static func * (a: ElementwiseExpression, b: ElementwiseExpression) -> ElementwiseExpression {
        .binary(.multiply, a, b)
    }
    public static func / (a: ElementwiseExpression, b: ElementwiseExpression) -> ElementwiseExpression {
        .binary(.divide, a, b)
    }
}
