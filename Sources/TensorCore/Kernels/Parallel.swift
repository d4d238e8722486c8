import Dispatch
import CBLAS

/// How many cores kernels may use. Set from the protocol's machine; also sets OpenBLAS's thread count so
/// GEMM and the elementwise kernels agree.
public enum Parallelism {
    nonisolated(unsafe) public private(set) static var threadCount = 1

    /// Elementwise work below this many elements per thread runs on one thread: splitting costs more than it
    /// saves. On the 2-vCPU reference machine a 784×256 SGD update as four binary kernels took 93 µs on one thread
    /// and 150 µs split in two (waking a worker costs more than the memory-bound half it takes over).
    public static let minimumElementsPerThread = 1 << 18

    public static func setThreadCount(_ count: Int) {
        threadCount = max(1, count)
        openblas_set_num_threads(Int32(threadCount))
    }

    /// Splits `0..<count` into contiguous chunks and runs `body(range)` on up to `threadCount` threads.
    @inline(__always)
    public static func forChunks(of count: Int, _ body: (Range<Int>) -> Void) {
        let chunks = min(threadCount, count / minimumElementsPerThread)
        if chunks <= 1 { body(0..<count); return }
        let chunkSize = (count + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * chunkSize
            let end = min(count, start + chunkSize)
            if start < end { body(start..<end) }
        }
    }
}
