import CProcessControl
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// dlbench's one thread policy for every worker process, Swift and Python alike (Workers/python's `threads.py`
/// applies the same rule): a case on a machine of N threads runs its worker on the first N CPUs the process may
/// use, by CPU number, with every thread pool sized N. Pinning makes "N threads" mean the same for every engine,
/// including frameworks whose pools ignore their own settings (XLA:CPU, oneDNN); it is recorded in the run's
/// fingerprint (`threadPolicy`, `allowedCPUs`).
public enum ThreadPolicy {
    /// The rule in words, as stored in the fingerprint.
    public static let summary = "each worker pinned to the first N allowed CPUs (N = machine threads); "
        + "OpenBLAS/OpenMP/MKL pools sized N; dlbench's engines: one pool of N, OpenBLAS on 1 thread inside it"

    /// What a worker ended up with: the CPUs kept and whether the kernel accepted the mask for every thread.
    public struct Applied: Sendable, Equatable {
        public var cpus: [Int]
        public var pinned: Bool
    }

    /// Bytes of the CPU masks read and written: 1024 CPUs, glibc's `cpu_set_t`.
    static let maskBytes = 128

    /// The CPUs this process may run on, ascending; every active CPU where the mask cannot be read.
    public static func allowedCPUs() -> [Int] {
        var mask = [UInt8](repeating: 0, count: maskBytes)
        let written = mask.withUnsafeMutableBufferPointer { dlbench_get_affinity(0, $0.baseAddress, maskBytes) }
        let cpus = written > 0 ? (0..<(Int(written) * 8)).filter { mask[$0 / 8] & (1 << UInt8($0 % 8)) != 0 } : []
        return cpus.isEmpty ? Array(0..<ProcessInfo.processInfo.activeProcessorCount) : cpus
    }

    /// Pins every thread of this process (those already started too: OpenBLAS starts its pool when it loads) to the
    /// first `threads` allowed CPUs. Call it in a worker process only: it changes the whole process.
    @discardableResult
    public static func pinProcess(threads: Int) -> Applied {
        let cpus = Array(allowedCPUs().prefix(max(1, threads)))
        return Applied(cpus: cpus, pinned: pin(to: cpus))
    }

    /// Sets every thread of this process to `cpus`; whether the kernel took the mask for all of them.
    static func pin(to cpus: [Int]) -> Bool {
        var mask = [UInt8](repeating: 0, count: maskBytes)
        for cpu in cpus where cpu >= 0 && cpu / 8 < maskBytes { mask[cpu / 8] |= 1 << UInt8(cpu % 8) }
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task"))?.compactMap { Int32($0) } ?? [0]
        // A thread that ended between the listing and the call (ESRCH) has nothing left to pin.
        let failures = mask.withUnsafeBufferPointer { buffer in
            tasks.filter { dlbench_set_affinity($0, buffer.baseAddress, maskBytes) != 0 && errno != ESRCH }.count
        }
        return !tasks.isEmpty && failures == 0
    }
}
