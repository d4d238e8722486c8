import Foundation

/// Counters of tensor storage. Exact rather than sampled, because every byte a tensor owns passes through the pool.
public struct MemoryCounters: Sendable, Equatable {
    public var liveBytes = 0
    public var peakLiveBytes = 0
    public var liveBuffers = 0
    /// Buffers obtained from the system allocator.
    public var allocations = 0
    /// Requests served from a free list without touching the allocator.
    public var poolHits = 0
    public var requests = 0
    /// Bytes held in free lists, ready for reuse.
    public var cachedBytes = 0
}

/// A size-bucketed free list of Float32 buffers. Steps of a training loop request the same sizes over and over,
/// so after the first step nearly every request is a pool hit and no `malloc` happens in the hot loop.
public final class BufferPool: @unchecked Sendable {
    public static let shared = BufferPool()

    private var freeLists: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private var counters = MemoryCounters()
    private let lock = NSLock()

    public init() {}

    public var snapshot: MemoryCounters { lock.lock(); defer { lock.unlock() }; return counters }

    /// Starts a new peak window at the current live bytes (per step or per case peaks).
    public func resetPeak() { lock.lock(); counters.peakLiveBytes = counters.liveBytes; lock.unlock() }

    /// Bucket size: exact element counts, rounded up to a multiple of 16 floats (64 bytes) for alignment-friendly reuse.
    @inline(__always) static func bucket(for count: Int) -> Int { max(16, (count + 15) & ~15) }

    func take(count: Int) -> (UnsafeMutablePointer<Float>, Int) {
        let capacity = Self.bucket(for: count)
        let bytes = capacity * MemoryLayout<Float>.stride
        lock.lock()
        defer { lock.unlock() }
        counters.requests += 1
        counters.liveBuffers += 1
        counters.liveBytes += bytes
        counters.peakLiveBytes = max(counters.peakLiveBytes, counters.liveBytes)
        if var list = freeLists[capacity], let pointer = list.popLast() {
            freeLists[capacity] = list
            counters.poolHits += 1
            counters.cachedBytes -= bytes
            return (pointer, capacity)
        }
        counters.allocations += 1
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        return (raw.bindMemory(to: Float.self, capacity: capacity), capacity)
    }

    func give(_ pointer: UnsafeMutablePointer<Float>, capacity: Int) {
        let bytes = capacity * MemoryLayout<Float>.stride
        lock.lock()
        defer { lock.unlock() }
        counters.liveBuffers -= 1
        counters.liveBytes -= bytes
        counters.cachedBytes += bytes
        freeLists[capacity, default: []].append(pointer)
    }

    /// Returns cached buffers to the system (between cases, so one case's cache does not inflate the next one's RSS).
    public func trim() {
        lock.lock()
        defer { lock.unlock() }
        for (_, list) in freeLists { for pointer in list { UnsafeMutableRawPointer(pointer).deallocate() } }
        freeLists.removeAll()
        counters.cachedBytes = 0
    }
}
