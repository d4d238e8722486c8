import TensorCore

/// Reads a block of an input broadcast to the group's shape: a direct pointer for full-shape inputs, a splat for
/// scalars, a cyclic copy for trailing-axis inputs (bias rows), a repeating copy for inputs with trailing size-1
/// axes (a row statistic such as softmax's Σ), a strided gather otherwise.
struct BroadcastLoad {
    enum Mode { case direct, scalar, cyclic(Int), repeated(Int), general([Int], [Int]) }
    let mode: Mode

    init(input: Shape, output: Shape) {
        if input.elementCount == output.elementCount { mode = .direct; return }
        if input.elementCount == 1 { mode = .scalar; return }
        let trailing = Array(output.dimensions.suffix(input.rank))
        let inputCore = Array(input.dimensions.drop(while: { $0 == 1 }))
        if inputCore == Array(trailing.suffix(inputCore.count)) && !inputCore.isEmpty {
            mode = .cyclic(inputCore.reduce(1, *)); return
        }
        let aligned = [Int](repeating: 1, count: max(0, output.rank - input.rank)) + input.dimensions
        if let split = (0...output.rank).first(where: { prefix in
            aligned[..<prefix] == output.dimensions[..<prefix] && aligned[prefix...].allSatisfy { $0 == 1 }
        }), split < output.rank {
            mode = .repeated(output.dimensions[split...].reduce(1, *)); return
        }
        mode = .general(output.dimensions, output.rank == 0 ? [] : broadcastStrides(of: input, to: output))
    }

    @inline(__always)
    func load(_ input: UnsafePointer<Float>, start: Int, length: Int, into target: UnsafeMutablePointer<Float>) -> UnsafePointer<Float> {
        switch mode {
        case .direct:
            return input + start
        case .scalar:
            target.update(repeating: input[0], count: length)
        case let .cyclic(period):
            // Whole runs of the repeating row, copied as blocks.
            var source = start % period
            var index = 0
            while index < length {
                let run = min(period - source, length - index)
                (target + index).update(from: input + source, count: run)
                index += run
                source = 0
            }
        case let .repeated(period):
            var source = start / period
            var remaining = period - start % period
            var index = 0
            while index < length {
                let run = min(remaining, length - index)
                (target + index).update(repeating: input[source], count: run)
                index += run
                source += 1
                remaining = period
            }
        case let .general(dimensions, strides):
            for index in 0..<length {
                var remainder = start + index
                var offset = 0
                for axis in stride(from: dimensions.count - 1, through: 0, by: -1) {
                    offset += (remainder % dimensions[axis]) * strides[axis]
                    remainder /= dimensions[axis]
                }
                target[index] = input[offset]
            }
        }
        return UnsafePointer(target)
    }
}
