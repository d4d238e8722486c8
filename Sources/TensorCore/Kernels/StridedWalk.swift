/// Walks every row (last axis) of `dimensions`, giving the starting offset of that row in each operand.
/// Broadcast and reduction kernels express their operands as strides over a common shape (0 where an operand
/// repeats or collapses), so one walker serves all of them.
@inline(__always)
func forEachRow(dimensions: [Int], strides: [[Int]], _ body: (_ offsets: UnsafeBufferPointer<Int>) -> Void) {
    let rank = dimensions.count
    let operandCount = strides.count
    withUnsafeTemporaryAllocation(of: Int.self, capacity: operandCount) { offsets in
        for operand in 0..<operandCount { offsets[operand] = 0 }
        let outerRank = rank - 1
        if outerRank <= 0 { body(UnsafeBufferPointer(offsets)); return }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: outerRank) { counter in
            for axis in 0..<outerRank { counter[axis] = 0 }
            var remaining = dimensions[0..<outerRank].reduce(1, *)
            while remaining > 0 {
                body(UnsafeBufferPointer(offsets))
                remaining -= 1
                if remaining == 0 { break }
                var axis = outerRank - 1
                while axis >= 0 {
                    counter[axis] += 1
                    for operand in 0..<operandCount { offsets[operand] += strides[operand][axis] }
                    if counter[axis] < dimensions[axis] { break }
                    for operand in 0..<operandCount { offsets[operand] -= strides[operand][axis] * dimensions[axis] }
                    counter[axis] = 0
                    axis -= 1
                }
            }
        }
    }
}

/// Strides of `shape` aligned to the trailing axes of `target`, with 0 on broadcast (size-1 or missing) axes.
public func broadcastStrides(of shape: Shape, to target: Shape) -> [Int] {
    let own = shape.strides
    let offset = target.rank - shape.rank
    return (0..<target.rank).map { axis in
        let sourceAxis = axis - offset
        guard sourceAxis >= 0, shape.dimensions[sourceAxis] != 1 else { return 0 }
        return own[sourceAxis]
    }
}
