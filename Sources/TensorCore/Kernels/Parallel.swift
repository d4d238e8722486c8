import CBLAS
import CThreadPool

/// How many cores kernels may use, and the one pool of threads they run on. Set from the protocol's machine.
///
/// Every parallel kernel and every split matrix product runs on `CThreadPool`'s workers (which spin between the
/// kernels of a step instead of sleeping), and OpenBLAS itself stays on one thread: with OpenBLAS's own threads
/// and libdispatch's both live, the 2-vCPU reference machine ran three busy threads on two cores, and W3's fused
/// step got slower with a second thread (5.48 ms at 2 threads vs 4.92 at 1, one run of thread-scaling.json).
public enum Parallelism {
    nonisolated(unsafe) public private(set) static var threadCount = 1

    /// Elementwise work below this many elements per thread runs on one thread: splitting costs more than it
    /// saves. With libdispatch waking a sleeping thread per kernel this had to be 2¹⁸ (a 784×256 SGD update took
    /// 93 µs whole, 150 µs split); the pool's worker is awake between kernels, so 2¹⁵ now pays (2-vCPU reference
    /// machine, `dlbench-microbench --threads 2`, two rounds: W3 eager 4.83/5.07 ms at 2¹⁸, 3.88/3.77 at 2¹⁵;
    /// W3 fused 2.80/2.96 at 2¹⁸, 2.68/2.58 at 2¹⁴; W1 and W4 within noise).
    public static let minimumElementsPerThread = 1 << 15

    public static func setThreadCount(_ count: Int) {
        dlbench_pool_set_threads(max(1, count))
        threadCount = dlbench_pool_threads()
        openblas_set_num_threads(1)
    }

    /// Runs `body(task)` for every task in `0..<tasks` on the pool (the caller takes part) and returns when all
    /// have finished. Inside a task, a nested call runs its tasks in order on that thread.
    @inline(__always)
    public static func run(tasks: Int, _ body: (Int) -> Void) {
        if tasks <= 1 {
            if tasks == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            var closure = escapable
            withUnsafeMutablePointer(to: &closure) { pointer in
                dlbench_pool_run(tasks, { context, task in
                    guard let context else { return }
                    context.assumingMemoryBound(to: ((Int) -> Void).self).pointee(task)
                }, pointer)
            }
        }
    }

    /// How many pieces to cut `rows` rows of about `elementsPerRow` work each into: 1 when there is less than
    /// `minimumElementsPerThread` for each of two threads; else up to `piecesPerThread` per thread, each at least
    /// a `piecesPerThread`-th of that minimum. Pieces are claimed one at a time, so when one thread falls behind
    /// (a vCPU the host is sharing) the others take its pieces instead of waiting for a half: on the 2-vCPU
    /// reference machine such periods made W3's step take 8–10 ms at 2 threads against 3.8 at 1 with one
    /// piece per thread.
    public static func chunkCount(rows: Int, elementsPerRow: Int) -> Int {
        let total = rows * max(elementsPerRow, 1)
        let coarse = min(threadCount, rows, total / minimumElementsPerThread)
        guard coarse > 1 else { return 1 }
        // A whole number of pieces per thread: 3 pieces on 2 threads would leave one thread two of them.
        let fine = min(rows, piecesPerThread * threadCount, total / (minimumElementsPerThread / piecesPerThread))
        return max(coarse, fine / threadCount * threadCount)
    }

    public static let piecesPerThread = 4

    /// Splits `0..<count` into contiguous chunks and runs `body(range)` on up to `threadCount` threads.
    @inline(__always)
    public static func forChunks(of count: Int, _ body: (Range<Int>) -> Void) {
        forRows(count, elementsPerRow: 1, body)
    }

    /// Splits `rows` independent rows of about `elementsPerRow` work each over `threadCount` threads, in
    /// contiguous blocks; small work stays on the calling thread.
    @inline(__always)
    public static func forRows(_ rows: Int, elementsPerRow: Int, _ body: (Range<Int>) -> Void) {
        let chunks = chunkCount(rows: rows, elementsPerRow: elementsPerRow)
        if chunks <= 1 { body(0..<rows); return }
        let size = (rows + chunks - 1) / chunks
        run(tasks: chunks) { chunk in
            let start = chunk * size
            let end = min(rows, start + size)
            if start < end { body(start..<end) }
        }
    }
}

extension Parallelism {
    /// Nanoseconds for one cache-line round trip between this thread and the pool's first worker, or nil (one
    /// thread, or no answer). The cost of every hand-off and of every cache line one thread reads after the other
    /// wrote it: on a VM whose vCPUs the host moves (the 2-vCPU reference machine: about 55 ns in some periods,
    /// about 340 ns in others), it tells a slow 2-thread result from a slow engine.
    public static func roundTripNanoseconds() -> Double? {
        let value = dlbench_pool_round_trip_nanoseconds()
        return value > 0 ? value : nil
    }
}
