import CBLAS
import Dispatch
import Foundation

/// C = op(A) · op(B) for one row-major matrix product, with the BLAS routine chosen by shape, so every CPU engine
/// (eager, traced, fused and the OpenCL engine's host fallback all reach it through `MatMul`) makes the same choice.
///
/// With a single output row or column (batch-1 inference) the product is a GEMV on the other operand, and the
/// transposes become the GEMV's transpose flag and vector stride — no copy. Whether that is faster depends on the
/// BLAS build and the CPU: on one 2-vCPU machine OpenBLAS's sgemm took 61 µs for W2's 1×784 · 784×256 and sgemv
/// 13–15 µs; on an AMD EPYC one with OpenBLAS 0.3.21 sgemm took 8.6 µs and sgemv 9.6 µs (dlbench-microbench,
/// "gemv vs gemm"). So the choice is measured, once per shape and thread count in each process, on the call's own
/// operands: both routines three times, alternating, the faster minimum wins (a few products' time, once).
public enum MatrixProduct {
    /// The routine `multiply` uses for a shape (the micro-benchmark and tests name it).
    public enum Routine: String, Sendable, Equatable {
        case gemm, gemvOverB, gemvOverA
    }

    /// One product's shape, as `recorder` sees it.
    public struct Call: Hashable, Sendable {
        public var transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int
        public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    }

    /// Set by the micro-benchmark to collect the products of one step (its GEMM floor); nil otherwise, and then
    /// the cost on the hot path is one load and branch.
    nonisolated(unsafe) public static var recorder: ((Call) -> Void)?

    /// How `multiply` picks for shapes where a GEMV applies: measured (the default), or forced (tests, experiments).
    public enum Policy: Sendable, Equatable { case measured, alwaysGEMM, alwaysGEMV }
    nonisolated(unsafe) public static var policy = Policy.measured

    private struct ChoiceKey: Hashable { var call: Call; var threads: Int }
    nonisolated(unsafe) private static var choices: [ChoiceKey: Routine] = [:]
    private static let choicesLock = NSLock()

    /// The measured choices of this process so far, for the micro-benchmark's report.
    public static var measuredChoices: [(call: Call, threads: Int, routine: Routine)] {
        choicesLock.lock()
        defer { choicesLock.unlock() }
        return choices.map { ($0.key.call, $0.key.threads, $0.value) }
    }

    /// The GEMV a shape admits (`gemm` when none does).
    public static func routine(m: Int, n: Int, k: Int) -> Routine {
        // K = 1 is an outer product: sgemm handles it well; a GEMV needs a matrix operand with K > 1.
        if m == 1 && k > 1 { return .gemvOverB }
        if n == 1 && k > 1 { return .gemvOverA }
        return .gemm
    }

    /// `a` is m×k (k×m when `transposeA`) with leading dimension `lda`; `b` is k×n (n×k when `transposeB`) with
    /// `ldb`; `c` is m×n with leading dimension `ldc`. C is overwritten (β = 0).
    public static func multiply(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                c: UnsafeMutablePointer<Float>, ldc: Int) {
        let call = Call(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k)
        if let recorder { recorder(call) }
        let candidate = routine(m: m, n: n, k: k)
        var chosen = Routine.gemm
        if candidate != .gemm {
            switch policy {
            case .alwaysGEMM: chosen = .gemm
            case .alwaysGEMV: chosen = candidate
            case .measured:
                chosen = choice(for: call, candidate: candidate) { routine in
                    run(routine, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda,
                        b: b, ldb: ldb, c: c, ldc: ldc)
                }
            }
        }
        run(chosen, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
            c: c, ldc: ldc)
    }

    private static func choice(for call: Call, candidate: Routine, run: (Routine) -> Void) -> Routine {
        let key = ChoiceKey(call: call, threads: Parallelism.threadCount)
        choicesLock.lock()
        let known = choices[key]
        choicesLock.unlock()
        if let known { return known }
        func time(_ routine: Routine) -> UInt64 {
            let start = DispatchTime.now().uptimeNanoseconds
            run(routine)
            return DispatchTime.now().uptimeNanoseconds &- start
        }
        var gemm = UInt64.max, gemv = UInt64.max
        for _ in 0..<3 {
            gemm = min(gemm, time(.gemm))
            gemv = min(gemv, time(candidate))
        }
        let chosen = gemv < gemm ? candidate : Routine.gemm
        choicesLock.lock()
        choices[key] = chosen
        choicesLock.unlock()
        return chosen
    }

    private static func run(_ routine: Routine, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                            c: UnsafeMutablePointer<Float>, ldc: Int) {
        switch routine {
        case .gemvOverB:
            // c[0, j] = Σ_p a(0, p) · op(B)(p, j). The row of op(A) has stride 1, or lda when A is stored k×1.
            // B stored k×n: c = Bᵀ·x (Trans over a k×n matrix); stored n×k: c = B·x (NoTrans over n×k).
            let strideA = transposeA ? lda : 1
            if transposeB {
                cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(k), 1, b, Int32(ldb), a, Int32(strideA), 0,
                            c, 1)
            } else {
                cblas_sgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(n), 1, b, Int32(ldb), a, Int32(strideA), 0, c, 1)
            }
        case .gemvOverA:
            // c[i, 0] = Σ_p op(A)(i, p) · b(p, 0). The column of op(B) has stride ldb, or 1 when B is stored 1×k.
            let strideB = transposeB ? 1 : ldb
            if transposeA {
                cblas_sgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(m), 1, a, Int32(lda), b, Int32(strideB), 0,
                            c, Int32(ldc))
            } else {
                cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(k), 1, a, Int32(lda), b, Int32(strideB), 0,
                            c, Int32(ldc))
            }
        case .gemm:
            cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), 0, c, Int32(ldc))
        }
    }
}
