import Foundation
import TensorCore

/// A fused elementwise group: one pass over the output in cache-sized blocks, intermediates kept in
/// block-sized registers that never reach main memory (a blocked interpreter, as numexpr does).
public struct FusedElementwise: PrimitiveOp {
    public let program: ElementwiseProgram
    public let shape: Shape
    public let inputShapes: [Shape]
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
        self.inputShapes = inputShapes
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
        let chunks = Parallelism.chunkCount(rows: blocks, elementsPerRow: Self.blockSize)
        if chunks <= 1 {
            let scratch = FusedScratch.buffer(chunk: 0, registers: registerCount)
            for block in 0..<blocks { evaluate(block: block, count: count, scratch: scratch, arguments: arguments) }
            return
        }
        let blocksPerChunk = (blocks + chunks - 1) / chunks
        for chunk in 0..<chunks { _ = FusedScratch.buffer(chunk: chunk, registers: registerCount) }
        Parallelism.run(tasks: chunks) { chunk in
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
        let pointers = ElementwiseBlock.evaluate(program, loads: loads, writesOutput: writesOutput, start: start,
                                                 length: length, scratch: scratch, arguments: arguments)
        for (position, register) in program.outputs.enumerated() where writesOutput[register] != position {
            let output = position == 0 ? arguments.output : arguments.additionalOutputs[position - 1]
            (output + start).update(from: pointers[register], count: length)
        }
    }
}

/// The register machine both fused kernels run: evaluates a program over elements start..<start+length.
enum ElementwiseBlock {
    /// Returns the register pointers. A register is a pointer: loads of full-shape inputs point straight into the
    /// input (no copy), and an instruction whose value is a kernel output (`writesOutput[i] >= 0`) computes
    /// straight into that output; the rest use `scratch`, `FusedElementwise.blockSize` floats per register.
    @inline(__always)
    static func evaluate(_ program: ElementwiseProgram, loads: [BroadcastLoad], writesOutput: [Int], start: Int,
                         length: Int, scratch: FusedScratch.Buffer,
                         arguments: KernelArguments) -> UnsafeMutablePointer<UnsafePointer<Float>> {
        let pointers = scratch.pointers
        program.instructions.withUnsafeBufferPointer { instructions in
            writesOutput.withUnsafeBufferPointer { writes in
                for index in 0..<instructions.count {
                    let target: UnsafeMutablePointer<Float>
                    switch writes[index] {
                    case -1: target = scratch.registers + index * FusedElementwise.blockSize
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
        return pointers
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
