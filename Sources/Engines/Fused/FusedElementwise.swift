import Dispatch
import Foundation
import TensorCore

/// A fused elementwise group: one pass over the output in cache-sized blocks, intermediates kept in
/// block-sized registers that never reach main memory (a blocked interpreter, as numexpr does).
public struct FusedElementwise: PrimitiveOp {
    public let program: ElementwiseProgram
    public let shape: Shape
    private let loads: [BroadcastLoad]
    /// For each instruction, the kernel output it is the value of (its result is written straight there, saving
    /// a copy), or -1 for a scratch register.
    private let writesOutput: [Int]
    /// Elements per block: 16 KiB per register keeps a typical group's registers in L2 while amortising the
    /// interpreter's per-block dispatch.
    static let blockSize = 4096

    public init(program: ElementwiseProgram, shape: Shape, inputShapes: [Shape]) {
        self.program = program
        self.shape = shape
        self.loads = inputShapes.map { BroadcastLoad(input: $0, output: shape) }
        var writes = [Int](repeating: -1, count: program.instructions.count)
        for (position, register) in program.outputs.enumerated() where writes[register] == -1 {
            if case .load = program.instructions[register] { continue }
            writes[register] = position
        }
        self.writesOutput = writes
    }

    public var signature: String { "fused_elementwise(\(shape), \(program))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        for input in inputs where Shape.broadcast(input, shape) != shape {
            throw TensorError.shapeMismatch(op: "fused_elementwise", shapes: [input, shape], reason: "input does not broadcast")
        }
        return shape
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor) throws -> [Tensor?] {
        throw TensorError.notDifferentiable(op: "fused_elementwise")
    }

    public func execute(_ arguments: KernelArguments) {
        let count = shape.elementCount
        let blocks = (count + Self.blockSize - 1) / Self.blockSize
        let registerCount = program.instructions.count
        let chunks = min(Parallelism.threadCount, count / Parallelism.minimumElementsPerThread)
        if chunks <= 1 {
            let scratch = FusedScratch.buffer(chunk: 0, registers: registerCount)
            for block in 0..<blocks { evaluate(block: block, count: count, scratch: scratch, arguments: arguments) }
            return
        }
        let blocksPerChunk = (blocks + chunks - 1) / chunks
        for chunk in 0..<chunks { _ = FusedScratch.buffer(chunk: chunk, registers: registerCount) }
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let scratch = FusedScratch.buffer(chunk: chunk, registers: registerCount)
            for block in (chunk * blocksPerChunk)..<min(blocks, (chunk + 1) * blocksPerChunk) {
                evaluate(block: block, count: count, scratch: scratch, arguments: arguments)
            }
        }
    }

    @inline(__always)
    private func evaluate(block: Int, count: Int, scratch: FusedScratch.Buffer, arguments: KernelArguments) {
        let start = block * Self.blockSize
        let length = min(Self.blockSize, count - start)
        // A register is a pointer: loads of full-shape inputs point straight into the input (no copy), and an
        // instruction whose value is a kernel output computes straight into that output.
        let pointers = scratch.pointers
        program.instructions.withUnsafeBufferPointer { instructions in
            writesOutput.withUnsafeBufferPointer { writes in
                for index in 0..<instructions.count {
                    let target: UnsafeMutablePointer<Float>
                    switch writes[index] {
                    case -1: target = scratch.registers + index * Self.blockSize
                    case 0: target = arguments.output + start
                    case let position: target = arguments.additionalOutputs[position - 1] + start
                    }
                    switch instructions[index] {
                    case let .load(input):
                        pointers[index] = loads[input].load(arguments.inputs[input], start: start, length: length, into: target)
                    case let .unary(function, a):
                        UnaryKernels.apply(function, pointers[a], target, length)
                        pointers[index] = UnsafePointer(target)
                    case let .binary(function, a, b):
                        BinaryKernels.sameShapeApply(function, pointers[a], pointers[b], target, length)
                        pointers[index] = UnsafePointer(target)
                    }
                }
            }
        }
        for (position, register) in program.outputs.enumerated() where writesOutput[register] != position {
            let output = position == 0 ? arguments.output : arguments.additionalOutputs[position - 1]
            (output + start).update(from: pointers[register], count: length)
        }
    }
}

/// Register space for fused kernels, one buffer per parallel chunk, grown on demand and reused by every fused
/// kernel: kernels run one at a time, chunks of one kernel run side by side on distinct buffers.
enum FusedScratch {
    struct Buffer {
        let registers: UnsafeMutablePointer<Float>
        let pointers: UnsafeMutablePointer<UnsafePointer<Float>>
        let capacity: Int
    }

    nonisolated(unsafe) private static var buffers: [Buffer] = []
    private static let lock = NSLock()

    static func buffer(chunk: Int, registers: Int) -> Buffer {
        lock.lock()
        defer { lock.unlock() }
        while buffers.count <= chunk { buffers.append(make(registers: 0)) }
        if buffers[chunk].capacity < registers {
            buffers[chunk].registers.deallocate()
            buffers[chunk].pointers.deallocate()
            buffers[chunk] = make(registers: max(registers, 2 * buffers[chunk].capacity))
        }
        return buffers[chunk]
    }

    private static func make(registers: Int) -> Buffer {
        let capacity = max(registers, 8)
        return Buffer(registers: .allocate(capacity: capacity * FusedElementwise.blockSize),
                      pointers: .allocate(capacity: capacity), capacity: capacity)
    }
}

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
