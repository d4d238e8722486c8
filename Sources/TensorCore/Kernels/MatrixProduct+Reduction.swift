/// Products with a small output and a long inner dimension — a convolution's weight gradient, 8×50176·50176×9 and
/// 16×12544·12544×72 in W3 — run two ways the plain split does not:
/// - **K in slices.** OpenBLAS 0.3.21 (Cooperlake kernels, the 2-vCPU reference machine) runs such products 1.5–4×
///   faster as a sum of slices of K of at most `smallProductWork` multiply-adds each than in one call (one thread,
///   K slices vs whole: 8×9·50176 93 vs 362 µs, 16×72·12544 255–297 vs 418–465, 32×32·8192 144–192 vs 212–344),
///   but not on every transpose (256×10·4096 with B transposed: 719 vs 444), so slicing is a measured candidate,
///   not a rule.
/// - **Split along K over the pool.** Too few rows or columns for a block per thread (the block split gave the
///   8×9 product to one thread, 454 µs of a 2.9 ms W3 step at 2 threads): each piece multiplies a slice of K into
///   its own scratch output, and the pieces are summed in order.
extension MatrixProduct {
    /// Outputs larger than this many elements are never sliced or split along K: their scratch copies would cost
    /// more memory traffic than the reduction saves.
    static let maximumReductionOutput = 4096

    /// Multiply-adds per slice: below about this many OpenBLAS's sgemm takes its small-matrix path (measured: the
    /// gain vanishes at twice this).
    static let smallProductWork = 1 << 19

    /// A slice of K shorter than this leaves each call mostly overhead.
    static let minimumSliceDepth = 64

    /// A piece of K split over the pool shorter than this leaves each piece's BLAS call mostly packing.
    static let minimumReductionDepth = 256

    /// The slice depth to try for a product (0: slicing does not apply — the output is too large, or K too short
    /// for two slices).
    public static func sliceDepth(m: Int, n: Int, k: Int) -> Int {
        guard m * n <= maximumReductionOutput, m * n > 0 else { return 0 }
        let depth = Swift.max(minimumSliceDepth, smallProductWork / (m * n))
        return k >= 2 * depth ? depth : 0
    }

    /// How many pieces of K a GEMM splits into at `threads` threads (1: split by rows or columns, or not at all).
    /// Only where the output is small and its longer side too narrow for a block per thread of `finePartWidth`;
    /// then up to `Parallelism.piecesPerThread` pieces per thread, a whole number per thread.
    public static func reductionParts(m: Int, n: Int, k: Int, threads: Int) -> Int {
        guard threads > 1, m * n <= maximumReductionOutput, Swift.max(m, n) < finePartWidth * threads else { return 1 }
        let work = m * n * k / minimumWorkPerPart
        let pieces = k / minimumReductionDepth
        let coarse = Swift.min(threads, pieces, work)
        guard coarse > 1 else { return 1 }
        let fine = Swift.min(Parallelism.piecesPerThread * threads, pieces, work)
        return Swift.max(coarse, fine / threads * threads)
    }

    /// C = Σ over `parts` pieces of K of op(A)[:, piece] · op(B)[piece, :], each piece on the pool into its own
    /// m×n scratch (in slices of `sliceDepth` when nonzero), summed in piece order — so the result does not depend
    /// on which thread ran which piece.
    static func runSplitOverK(parts: Int, sliceDepth: Int, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                              a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                              c: UnsafeMutablePointer<Float>, ldc: Int) {
        let size = m * n
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: size * parts)
        defer { scratch.deallocate() }
        Parallelism.run(tasks: parts) { part in
            let start = k * part / parts, end = k * (part + 1) / parts
            let (pieceA, pieceB) = operands(from: start, transposeA: transposeA, transposeB: transposeB, a: a, lda: lda,
                                            b: b, ldb: ldb)
            gemmInSlices(of: sliceDepth == 0 ? end - start : sliceDepth, transposeA: transposeA,
                         transposeB: transposeB, m: m, n: n, k: end - start, a: pieceA, lda: lda, b: pieceB, ldb: ldb,
                         c: scratch + part * size, ldc: n)
        }
        for row in 0..<m {
            let target = c + row * ldc
            target.update(from: scratch + row * n, count: n)
            for part in 1..<parts {
                let source = scratch + part * size + row * n
                for column in 0..<n { target[column] += source[column] }
            }
        }
    }

    /// C = op(A)·op(B) as a sum of GEMMs over consecutive slices of K, each `depth` deep (the last shorter),
    /// accumulated in C on this thread.
    static func gemmInSlices(of depth: Int, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                             a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                             c: UnsafeMutablePointer<Float>, ldc: Int) {
        var start = 0
        repeat {
            let length = Swift.min(depth, k - start)
            let (sliceA, sliceB) = operands(from: start, transposeA: transposeA, transposeB: transposeB, a: a, lda: lda,
                                            b: b, ldb: ldb)
            gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: length, a: sliceA, lda: lda, b: sliceB,
                 ldb: ldb, beta: start == 0 ? 0 : 1, c: c, ldc: ldc)
            start += length
        } while start < k
    }

    /// Where op(A)'s column `start` and op(B)'s row `start` begin: A stored k×m `start` rows in, m×k `start`
    /// columns in; B stored n×k `start` columns in, k×n `start` rows in.
    private static func operands(from start: Int, transposeA: Bool, transposeB: Bool, a: UnsafePointer<Float>,
                                 lda: Int, b: UnsafePointer<Float>, ldb: Int) -> (UnsafePointer<Float>, UnsafePointer<Float>) {
        (a + (transposeA ? start * lda : start), b + (transposeB ? start : start * ldb))
    }
}
