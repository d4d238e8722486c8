import OpenCLRuntime
import TensorCore

extension DeviceLowering {
    /// MatMul (and MatMul + bias + activation) as one tiled GEMM launch, with TensorCore's geometry: a B shared
    /// across A's batch folds the batch into M when A is not transposed (one tall GEMM), else runs a batched GEMM
    /// with a zero B stride; batched B advances per batch.
    func matmul(_ node: BoundNode, _ op: MatMul, bias: DeviceBuffer?, activation: GEMMEpilogue.Activation)
        throws -> (() throws -> Void) {
        let a = node.inputShapes[0], b = node.inputShapes[1]
        guard a.rank >= 2, b.rank >= 2 else { throw node.failure("both operands need at least 2 axes") }
        let m = op.transposeA ? a[a.rank - 1] : a[a.rank - 2]
        let k = op.transposeA ? a[a.rank - 2] : a[a.rank - 1]
        let n = op.transposeB ? b[b.rank - 2] : b[b.rank - 1]
        let batch = a.dimensions.dropLast(2).reduce(1, *)
        let sharedB = b.rank == 2
        let epilogue = GEMMEpilogue(hasBias: bias != nil, activation: activation)
        let key = "gemm \(op.transposeA) \(op.transposeB) \(epilogue.hasBias) \(epilogue.activation.rawValue)"
        let gemm = try library.kernel(key) {
            try GEMMKernel(context: $0, transposeA: op.transposeA, transposeB: op.transposeB, epilogue: epilogue)
        }
        let (left, right, output) = (node.inputs[0], node.inputs[1], node.output)
        if k == 0 {
            // An empty inner dimension gives zeros (plus the bias), as cblas_sgemm with K = 0 does.
            guard bias == nil else { throw node.failure("K = 0 with a bias epilogue is not supported") }
            return { try output.fill(0) }
        }
        if sharedB && !op.transposeA {
            return { try gemm.encode(m: batch * m, n: n, k: k, a: left, b: right, c: output, bias: bias) }
        }
        return { try gemm.encode(m: m, n: n, k: k, a: left, b: right, c: output, bias: bias, batch: batch, sharedB: sharedB) }
    }
}
