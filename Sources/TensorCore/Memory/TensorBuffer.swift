/// Owned Float32 storage drawn from a `BufferPool`; returned to the pool when the last tensor using it goes away.
public final class TensorBuffer: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<Float>
    public let count: Int
    let capacity: Int
    unowned let pool: BufferPool

    public init(count: Int, pool: BufferPool = .shared) {
        let (pointer, capacity) = pool.take(count: count)
        self.pointer = pointer
        self.count = count
        self.capacity = capacity
        self.pool = pool
    }

    deinit { pool.give(pointer, capacity: capacity) }

    public var bufferPointer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }
}
