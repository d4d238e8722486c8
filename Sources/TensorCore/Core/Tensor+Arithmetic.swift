/// Operators and pointwise functions; each is one primitive op applied through the current executor.
extension Tensor {
    public func map(_ function: UnaryFunction) throws -> Tensor { try Tensor.apply(ElementwiseUnary(function), [self]) }
    public func binary(_ function: BinaryFunction, _ other: Tensor) throws -> Tensor {
        try Tensor.apply(ElementwiseBinary(function), [self, other])
    }

    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try a.binary(.add, b) }
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try a.binary(.subtract, b) }
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try a.binary(.multiply, b) }
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try a.binary(.divide, b) }
    public static func * (a: Tensor, factor: Float) throws -> Tensor { try a.map(.scale(factor)) }
    public static func + (a: Tensor, offset: Float) throws -> Tensor { try a.map(.shift(offset)) }
    public static prefix func - (a: Tensor) throws -> Tensor { try a.map(.negate) }

    public func relu() throws -> Tensor { try map(.relu) }
    public func exp() throws -> Tensor { try map(.exp) }
    public func log() throws -> Tensor { try map(.log) }
    public func sqrt() throws -> Tensor { try map(.sqrt) }
    public func rsqrt() throws -> Tensor { try map(.rsqrt) }
    public func tanh() throws -> Tensor { try map(.tanh) }
    public func sigmoid() throws -> Tensor { try map(.sigmoid) }
    public func square() throws -> Tensor { try map(.square) }
    /// GELU, by default with the tanh approximation (as GPT-2 and PyTorch's `approximate="tanh"`).
    public func gelu(approximate: Bool = true) throws -> Tensor { try map(approximate ? .geluTanh : .geluErf) }

    public func matmul(_ other: Tensor, transposeA: Bool = false, transposeB: Bool = false) throws -> Tensor {
        try Tensor.apply(MatMul(transposeA: transposeA, transposeB: transposeB), [self, other])
    }

    public func softmax(axis: Int = -1) throws -> Tensor { try Tensor.apply(Softmax(axis: axis), [self]) }
    public func logSoftmax(axis: Int = -1) throws -> Tensor { try Tensor.apply(Softmax(axis: axis, logarithmic: true), [self]) }

    /// Mean softmax cross-entropy of these logits [N, C] against integer labels [N].
    public func softmaxCrossEntropy(labels: Tensor) throws -> Tensor {
        try Tensor.apply(SoftmaxCrossEntropy(), [self, labels])
    }
}
