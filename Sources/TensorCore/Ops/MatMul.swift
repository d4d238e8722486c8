/// C = op(A) · op(B) through `MatrixProduct` (GEMM, or GEMV when one side is a single row or column); transposes
/// are passed to BLAS rather than copied.
/// Shapes: A [..., m, k] (or [..., k, m] when transposed), B [k, n] shared across A's batch, or [..., k, n]
/// with the same batch axes as A.
public struct MatMul: PrimitiveOp {
    public let transposeA: Bool
    public let transposeB: Bool
    public init(transposeA: Bool = false, transposeB: Bool = false) {
        self.transposeA = transposeA
        self.transposeB = transposeB
    }

    public var signature: String { "matmul(tA: \(transposeA), tB: \(transposeB))" }

    struct Geometry { let batch: Int; let m: Int; let n: Int; let k: Int; let sharedB: Bool }

    func geometry(_ a: Shape, _ b: Shape) throws -> Geometry {
        guard a.rank >= 2, b.rank >= 2 else {
            throw TensorError.shapeMismatch(op: "matmul", shapes: [a, b], reason: "both operands need at least 2 axes")
        }
        let m = transposeA ? a[a.rank - 1] : a[a.rank - 2]
        let kA = transposeA ? a[a.rank - 2] : a[a.rank - 1]
        let kB = transposeB ? b[b.rank - 1] : b[b.rank - 2]
        let n = transposeB ? b[b.rank - 2] : b[b.rank - 1]
        guard kA == kB else {
            throw TensorError.shapeMismatch(op: "matmul", shapes: [a, b], reason: "inner dimensions \(kA) and \(kB) differ")
        }
        let batchA = Array(a.dimensions.dropLast(2)), batchB = Array(b.dimensions.dropLast(2))
        guard b.rank == 2 || batchA == batchB else {
            throw TensorError.shapeMismatch(op: "matmul", shapes: [a, b], reason: "batch axes \(batchA) and \(batchB) differ")
        }
        return Geometry(batch: batchA.reduce(1, *), m: m, n: n, k: kA, sharedB: b.rank == 2)
    }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 2 else { throw TensorError.invalidAttribute(op: "matmul", shapes: inputs, reason: "expects 2 inputs") }
        let g = try geometry(inputs[0], inputs[1])
        return Shape(inputs[0].dimensions.dropLast(2) + [g.m, g.n])
    }

    public func execute(_ arguments: KernelArguments) {
        guard let g = try? geometry(arguments.inputShapes[0], arguments.inputShapes[1]) else { return }
        let a = arguments.inputs[0], b = arguments.inputs[1], c = arguments.output
        let lda = transposeA ? g.m : g.k, ldb = transposeB ? g.k : g.n
        if g.sharedB && !transposeA {
            // Fold A's batch into rows: one product instead of `batch` small ones.
            MatrixProduct.multiply(transposeA: false, transposeB: transposeB, m: g.batch * g.m, n: g.n, k: g.k,
                                   a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: g.n)
            return
        }
        MatrixProduct.multiply(batch: g.batch, transposeA: transposeA, transposeB: transposeB, m: g.m, n: g.n, k: g.k,
                               a: a, lda: lda, strideA: g.m * g.k, b: b, ldb: ldb, strideB: g.sharedB ? 0 : g.k * g.n,
                               c: c, ldc: g.n, strideC: g.m * g.n)
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        try vjp(inputs: inputs, output: output, cotangent: g, needed: [true, true])
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor, needed: [Bool]) throws -> [Tensor?] {
        var a = inputs[0], b = inputs[1], cotangent = g
        let originalA = a.shape
        if b.shape.rank == 2 && a.shape.rank > 2 && !transposeA {
            // B is shared across A's batch: treat A as one tall matrix so B's gradient sums over the batch in one GEMM.
            a = try a.reshaped([a.elementCount / a.shape[a.shape.rank - 1], a.shape[a.shape.rank - 1]])
            cotangent = try g.reshaped([g.elementCount / g.shape[g.shape.rank - 1], g.shape[g.shape.rank - 1]])
        }
        var gradientA: Tensor?
        if needed.first ?? true {
            gradientA = try (transposeA
                ? b.matmul(cotangent, transposeA: transposeB, transposeB: true)
                : cotangent.matmul(b, transposeA: false, transposeB: !transposeB)).reshaped(originalA)
        }
        var gradientB: Tensor?
        if needed.count < 2 || needed[1] {
            var product = try transposeB
                ? cotangent.matmul(a, transposeA: true, transposeB: transposeA)
                : a.matmul(cotangent, transposeA: !transposeA, transposeB: false)
            if b.shape.rank == 2 && product.shape.rank > 2 { product = try product.sum(axes: Array(0..<(product.shape.rank - 2))) }
            gradientB = product
        }
        return [gradientA, gradientB]
    }
}
