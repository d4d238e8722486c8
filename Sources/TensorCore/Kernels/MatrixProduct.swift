import CBLAS
import Foundation

/// C = op(A) · op(B) for one row-major matrix product, with the BLAS routine and its thread count chosen by shape,
/// so every CPU engine (eager, traced, fused and the OpenCL engine's host fallback all reach it through `MatMul`)
/// makes the same choice.
///
/// Two choices, because the best one depends on the BLAS build, the CPU and the shape:
/// - With a single output row or column (batch-1 inference) the product is a GEMV on the other operand, the
///   transposes becoming the GEMV's transpose flag and vector stride — no copy. On one 2-vCPU machine OpenBLAS's
///   sgemm took 61 µs for W2's 1×784 · 784×256 and sgemv 13–15 µs; on an AMD EPYC one (OpenBLAS 0.3.21) sgemm took
///   8.5 µs and sgemv 9.9 µs (dlbench-microbench, "gemv vs gemm").
/// - At N > 1 threads a product is split into row or column blocks run on `Parallelism`'s pool, each a
///   one-thread BLAS call, or run whole on the calling thread when it is too small to pay for the split (a
///   rule on the work, `splitParts`, not a measurement).
///   OpenBLAS's own threads are never used: splitting the larger of M and N (so the smaller operand is the one
///   each part packs again) measured 1.8–1.95× over one thread at W1's and W4's shapes on the 2-vCPU reference
///   machine where OpenBLAS's 2 threads gave 0.75–1.35× (128×784·784×256: 272–280 µs split, 372–417 µs
///   OpenBLAS, 505 µs one thread; 2048×256·256×64: 338–348, 772–890, 673 µs).
/// - A small output with a long K may run as a sum of GEMMs over slices of K (`MatrixProduct+Reduction`).
/// So the routine is measured, once per shape and thread count in each process, on the call's own operands: every
/// candidate in alternating rounds after one warm-up call, the fastest minimum wins (a few products' time, once
/// per shape).
public enum MatrixProduct {
    /// The routine `multiply` uses for a shape (the micro-benchmark and tests name it).
    public enum Routine: String, Sendable, Equatable {
        case gemm, gemvOverB, gemvOverA
    }

    /// A routine, how many threads of the pool it is split over (1: whole, on the calling thread), and for a GEMM
    /// with a small output whether K runs in slices of `sliceDepth` (0: in one call; see `sliceDepth(m:n:k:)`).
    public struct Choice: Hashable, Sendable, CustomStringConvertible {
        public var routine: Routine
        public var threads: Int
        public var sliceDepth = 0
        public var description: String {
            (threads == 1 ? "\(routine.rawValue) on 1 thread" : "\(routine.rawValue) split over \(threads) threads")
                + (sliceDepth > 0 ? " in K slices of \(sliceDepth)" : "")
        }
    }

    /// One product's shape, as `recorder` sees it.
    public struct Call: Hashable, Sendable {
        public var transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int
        public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    }

    /// Set by the micro-benchmark to collect the products of one step (its GEMM floor); nil otherwise, and then
    /// the cost on the hot path is one load and branch.
    nonisolated(unsafe) public static var recorder: ((Call) -> Void)?

    /// How `multiply` picks: measured (the default), or forced to one routine on all threads (tests, experiments);
    /// `alwaysSlicedGEMM` is GEMM with K in slices wherever `sliceDepth` allows them.
    public enum Policy: Sendable, Equatable { case measured, alwaysGEMM, alwaysGEMV, alwaysSlicedGEMM }
    nonisolated(unsafe) public static var policy = Policy.measured

    private struct ChoiceKey: Hashable { var call: Call; var threads: Int }
    nonisolated(unsafe) private static var choices: [ChoiceKey: Choice] = [:]
    private static let choicesLock = NSLock()

    /// The measured choices of this process so far (shape, the engine's thread count, the choice).
    public static var measuredChoices: [(call: Call, threads: Int, choice: Choice)] {
        choicesLock.lock()
        defer { choicesLock.unlock() }
        return choices.map { ($0.key.call, $0.key.threads, $0.value) }
    }

    /// Forgets the measured choices (tests; the micro-benchmark between thread counts).
    public static func forgetChoices() {
        choicesLock.lock()
        choices.removeAll()
        choicesLock.unlock()
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
        multiply(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                 c: c, ldc: ldc, threads: Parallelism.threadCount)
    }

    /// `batch` products of one shape, operand `i` at `a + i · strideA` (and B, C alike; a stride of 0 shares the
    /// operand). At N > 1 threads the batch is split over the pool, each product on one thread — attention's
    /// many small products gain nothing from splitting each one.
    public static func multiply(batch: Int, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                                a: UnsafePointer<Float>, lda: Int, strideA: Int, b: UnsafePointer<Float>, ldb: Int,
                                strideB: Int, c: UnsafeMutablePointer<Float>, ldc: Int, strideC: Int) {
        let threads = Parallelism.threadCount
        let parts = Swift.min(threads, batch)
        if parts <= 1 || batch * m * n * k < minimumWorkPerPart {
            for index in 0..<batch {
                multiply(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a + index * strideA,
                         lda: lda, b: b + index * strideB, ldb: ldb, c: c + index * strideC, ldc: ldc,
                         threads: threads)
            }
            return
        }
        if let recorder {
            for _ in 0..<batch { recorder(Call(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k)) }
        }
        let routine = routine(m: m, n: n, k: k)
        Parallelism.run(tasks: parts) { part in
            for index in (batch * part / parts)..<(batch * (part + 1) / parts) {
                run(routine, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                    a: a + index * strideA, lda: lda, b: b + index * strideB, ldb: ldb, c: c + index * strideC,
                    ldc: ldc)
            }
        }
    }

    /// Multiply-adds below which a split never pays for the hand-off (a few microseconds of work).
    static let minimumWorkPerPart = 1 << 16

    private static func multiply(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                                 a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                 c: UnsafeMutablePointer<Float>, ldc: Int, threads: Int) {
        let call = Call(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k)
        if let recorder { recorder(call) }
        let gemv = routine(m: m, n: n, k: k)
        let chosen: Choice
        switch policy {
        case .alwaysGEMM: chosen = Choice(routine: .gemm, threads: threads)
        case .alwaysGEMV: chosen = Choice(routine: gemv, threads: threads)
        case .alwaysSlicedGEMM: chosen = Choice(routine: .gemm, threads: threads, sliceDepth: sliceDepth(m: m, n: n, k: k))
        case .measured:
            // The cached choice first: building the candidate list allocates, and this runs on every product.
            if let known = cachedChoice(for: call, threads: threads) {
                run(known, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b,
                    ldb: ldb, c: c, ldc: ldc)
                return
            }
            // Split whenever the work is large enough (`splitParts`); only the routine is measured. Measuring split
            // against whole too froze a wrong answer for the whole process whenever the first step met a moment
            // when the second vCPU lagged: W4 trials at 2 threads ran every forward product on one thread
            // (2048×64·64×192: 508 µs chosen over 261 µs split) and took 21–24 ms instead of 14–17.
            // A shape with one candidate needs no list (this runs on every such product: no allocation).
            let splitGEMM = Choice(routine: .gemm, threads: splits(.gemm, m: m, n: n, k: k, threads: threads) ? threads : 1)
            let depth = sliceDepth(m: m, n: n, k: k)
            if gemv == .gemm && depth == 0 {
                run(splitGEMM, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b,
                    ldb: ldb, c: c, ldc: ldc)
                return
            }
            var candidates = [splitGEMM]
            if depth > 0 { candidates.append(Choice(routine: .gemm, threads: splitGEMM.threads, sliceDepth: depth)) }
            if gemv != .gemm {
                candidates.append(Choice(routine: gemv, threads: splits(gemv, m: m, n: n, k: k, threads: threads) ? threads : 1))
            }
            chosen = choice(for: call, threads: threads, among: candidates) { choice in
                run(choice, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda,
                    b: b, ldb: ldb, c: c, ldc: ldc)
            }
        }
        run(chosen, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
            c: c, ldc: ldc)
    }

    private static func cachedChoice(for call: Call, threads: Int) -> Choice? {
        choicesLock.lock()
        defer { choicesLock.unlock() }
        return choices[ChoiceKey(call: call, threads: threads)]
    }

    private static func choice(for call: Call, threads: Int, among candidates: [Choice],
                               run: (Choice) -> Void) -> Choice {
        let key = ChoiceKey(call: call, threads: threads)
        // One untimed call of each warms caches and BLAS threads; then alternating rounds, at least three and more
        // for products of a few microseconds (up to about 200 µs of measuring per candidate), so the minimum is not
        // one clock tick's luck.
        for candidate in candidates { run(candidate) }
        var best = [UInt64](repeating: .max, count: candidates.count)
        var rounds = 3, round = 0
        while round < rounds {
            for (index, candidate) in candidates.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                run(candidate)
                best[index] = min(best[index], DispatchTime.now().uptimeNanoseconds &- start)
            }
            if round == 0 { rounds = max(3, min(25, Int(200_000 / max(best.min() ?? 1, 1)))) }
            round += 1
        }
        // Ties go to the earlier candidate: GEMM before GEMV.
        let fastest = best.indices.min { best[$0] < best[$1] } ?? 0
        choicesLock.lock()
        choices[key] = candidates[fastest]
        choicesLock.unlock()
        return candidates[fastest]
    }

    /// The row or column blocks a routine splits into at `threads` threads (1: not worth splitting): one per
    /// thread, each at least `splitAlignment` wide and `minimumWorkPerPart` multiply-adds, or more where each
    /// block stays at least `finePartWidth` wide — up to `Parallelism.piecesPerThread` per thread, claimed one at
    /// a time, so a thread that falls behind holds up one small block rather than half the product.
    public static func splitParts(for routine: Routine, m: Int, n: Int, k: Int, threads: Int) -> Int {
        let extent = routine == .gemvOverA || (routine == .gemm && m >= n) ? m : n
        let work = m * n * k / minimumWorkPerPart
        let coarse = Swift.min(threads, extent / splitAlignment, work)
        guard coarse > 1 else { return 1 }
        // A whole number of blocks per thread: 3 blocks on 2 threads would leave one thread two of them.
        let fine = Swift.min(Parallelism.piecesPerThread * threads, extent / finePartWidth, work)
        return Swift.max(coarse, fine / threads * threads)
    }

    /// Whether a routine runs split over `threads` threads: into row or column blocks, or (a GEMM) slices of K.
    static func splits(_ routine: Routine, m: Int, n: Int, k: Int, threads: Int) -> Bool {
        splitParts(for: routine, m: m, n: n, k: k, threads: threads) > 1
            || (routine == .gemm && reductionParts(m: m, n: n, k: k, threads: threads) > 1)
    }

    /// Narrower blocks than this repack the other operand too often for what they compute.
    static let finePartWidth = 64

    /// Blocks start at multiples of 16 rows or columns: whole AVX-512 register tiles for the BLAS kernels.
    static let splitAlignment = 16

    /// Runs one choice: whole on this thread, or split into row blocks (GEMM with M ≥ N, and GEMV over A) or
    /// column blocks (GEMM with N > M, and GEMV over B), one per pool thread.
    private static func run(_ choice: Choice, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                            c: UnsafeMutablePointer<Float>, ldc: Int) {
        if choice.routine == .gemm && (choice.threads > 1 || choice.sliceDepth > 0) {
            let parts = choice.threads > 1 ? reductionParts(m: m, n: n, k: k, threads: choice.threads) : 1
            if parts > 1 {
                runSplitOverK(parts: parts, sliceDepth: choice.sliceDepth, transposeA: transposeA,
                              transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
                return
            }
            if choice.sliceDepth > 0 {
                gemmInSlices(of: choice.sliceDepth, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                             a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
                return
            }
        }
        let parts = choice.threads > 1 ? splitParts(for: choice.routine, m: m, n: n, k: k, threads: choice.threads) : 1
        if parts <= 1 {
            run(choice.routine, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda,
                b: b, ldb: ldb, c: c, ldc: ldc)
            return
        }
        let splitsRows = choice.routine == .gemvOverA || (choice.routine == .gemm && m >= n)
        let extent = splitsRows ? m : n
        let blocks = (extent + splitAlignment - 1) / splitAlignment
        Parallelism.run(tasks: parts) { part in
            let start = Swift.min(extent, blocks * part / parts * splitAlignment)
            let end = Swift.min(extent, blocks * (part + 1) / parts * splitAlignment)
            guard start < end else { return }
            if splitsRows {
                // Rows of op(A) and C: A stored k×m starts `start` columns in, m×k `start` rows in.
                run(choice.routine, transposeA: transposeA, transposeB: transposeB, m: end - start, n: n, k: k,
                    a: a + (transposeA ? start : start * lda), lda: lda, b: b, ldb: ldb, c: c + start * ldc, ldc: ldc)
            } else {
                // Columns of op(B) and C: B stored n×k starts `start` rows in, k×n `start` columns in.
                run(choice.routine, transposeA: transposeA, transposeB: transposeB, m: m, n: end - start, k: k,
                    a: a, lda: lda, b: b + (transposeB ? start * ldb : start), ldb: ldb, c: c + start, ldc: ldc)
            }
        }
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
            gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c,
                 ldc: ldc)
        }
    }

    /// One single-threaded sgemm: C = op(A)·op(B) + beta·C.
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                     b: UnsafePointer<Float>, ldb: Int, beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
