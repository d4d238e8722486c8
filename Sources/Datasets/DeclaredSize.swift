import Foundation

/// Sizes a file's header declares, multiplied out with overflow checks and set against what the file holds and
/// what the machine can allocate — all before anything is allocated — so a hostile header (IDX dimensions
/// FFFFFFFF × 3, an NPY shape (2^32, 2^32, 8), a safetensors shape [2^62]) is a `DatasetError` naming the file
/// and the offset of the header, never an arithmetic trap or an out-of-memory kill.
enum DeclaredSize {
    /// The element count of `shape` (1 for rank 0); `offset` is where the shape sits in the file.
    static func elements(_ shape: [Int], file: String, offset: Int) throws -> Int {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else {
                throw DatasetError.badFormat(file: file, offset: offset, expected: "non-negative dimensions", found: "shape \(shape)")
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw DatasetError.tooLarge(file: file, offset: offset, expected: "dimensions whose product fits in 64 bits",
                                            found: "shape \(shape)")
            }
            count = product
        }
        return count
    }

    /// The bytes of `count` elements of `size` bytes each.
    static func bytes(_ count: Int, of size: Int, shape: [Int], file: String, offset: Int) throws -> Int {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow else {
            throw DatasetError.tooLarge(file: file, offset: offset, expected: "a byte count that fits in 64 bits",
                                        found: "shape \(shape) of \(size)-byte elements")
        }
        return bytes
    }

    /// At most half the physical memory for one array: the loaders convert to Float and keep the file's bytes
    /// meanwhile, so anything larger would be killed by the kernel instead of reported.
    static var memoryBudget: Int { Int(clamping: ProcessInfo.processInfo.physicalMemory / 2) }

    /// Throws unless `count` Floats fit in `memoryBudget`.
    static func requireMemory(floats count: Int, shape: [Int], file: String, offset: Int) throws {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        guard !overflow, bytes <= memoryBudget else {
            throw DatasetError.tooLarge(
                file: file, offset: offset, expected: "at most \(memoryBudget) bytes of float32 values (half this machine's memory)",
                found: "shape \(shape) (\(count) values)")
        }
    }
}
