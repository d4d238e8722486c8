import TensorCore

/// One fused elementwise group as a C function: a loop nest over the group's shape (adjacent axes merged where
/// every operand is contiguous across them) whose innermost loop reads each input with stride 1 or 0, so the
/// compiler vectorises it and every intermediate stays in a register: one pass over memory, where the blocked
/// interpreter makes one pass over an L2-resident block per instruction.
///
///     void name(const float* const* in, float* const* out, long rowStart, long rowEnd)
///
/// runs the rows rowStart..<rowEnd of the merged nest (`rows` × `columns`).
struct ElementwiseCSource {
    let name: String
    let text: String
    let rows: Int
    let columns: Int

    /// Full-size memory streams (inputs read element by element, plus outputs) above which a single pass is
    /// slower than the interpreter's block-by-block passes: that many streams in one loop conflict in the L1 and
    /// the prefetchers. An LSTM's gradient sum over 16 time steps (17 streams) took 720 µs as one loop, 125 µs
    /// as 15 separate adds.
    static let maximumStreams = 10

    /// Nil when the program uses a function without an exact C spelling, or has more than `maximumStreams`.
    init?(_ kernel: FusedElementwise, name: String) {
        let program = kernel.program
        var dimensions = kernel.shape.dimensions.isEmpty ? [1] : kernel.shape.dimensions
        var strides = kernel.inputShapes.map { input -> [Int] in
            kernel.shape.rank == 0 ? [0] : broadcastStrides(of: input, to: kernel.shape)
        }
        Self.mergeAxes(&dimensions, &strides)
        let streamingInputs = strides.filter { $0[$0.count - 1] != 0 }.count
        guard streamingInputs + program.outputs.count <= Self.maximumStreams else { return nil }
        let columns = dimensions[dimensions.count - 1]
        let outer = Array(dimensions.dropLast())

        var body: [String] = []
        for (index, instruction) in program.instructions.enumerated() {
            let value: String
            switch instruction {
            case let .load(input):
                let inner = strides[input][dimensions.count - 1]
                value = inner == 0 ? "p\(input)[0]" : inner == 1 ? "p\(input)[c]" : "p\(input)[c * \(inner)]"
            case let .unary(function, a):
                guard let expression = CFunctionSource.unary(function, "r\(a)") else { return nil }
                value = expression
            case let .binary(function, a, b):
                value = CFunctionSource.binary(function, "r\(a)", "r\(b)")
            }
            body.append("            const float r\(index) = \(value);")
        }
        for (position, register) in program.outputs.enumerated() {
            body.append("            q\(position)[c] = r\(register);")
        }

        var lines = ["void \(name)(const float* const* in, float* const* out, long rowStart, long rowEnd) {",
                     "    for (long row = rowStart; row < rowEnd; row++) {",
                     "        long rest = row;"]
        lines += kernel.inputShapes.indices.map { "        long o\($0) = 0;" }
        for axis in outer.indices.reversed() {
            lines.append("        { const long i = rest % \(outer[axis]); rest /= \(outer[axis]);")
            for input in kernel.inputShapes.indices where strides[input][axis] != 0 {
                lines.append("          o\(input) += i * \(strides[input][axis]);")
            }
            lines.append("        }")
        }
        // restrict holds: the memory plan never places a kernel's output over anything the kernel reads (inputs
        // stay live through the kernel; additional outputs are allocated as of their producer), and eager
        // outputs are fresh buffers. Without it a group with many inputs exceeds the compiler's runtime alias
        // checks and runs scalar (an LSTM's 16-input gradient sum: 710 µs instead of 125).
        lines += kernel.inputShapes.indices.map { "        const float* restrict p\($0) = in[\($0)] + o\($0);" }
        lines += program.outputs.indices.map { "        float* restrict q\($0) = out[\($0)] + row * \(columns);" }
        lines.append("        for (long c = 0; c < \(columns); c++) {")
        lines += body
        lines += ["        }", "    }", "}"]
        self.name = name
        self.text = lines.joined(separator: "\n")
        self.rows = outer.reduce(1, *)
        self.columns = columns
    }

    /// Merges axis d into d+1 wherever every input walks the two as one axis (or broadcasts across both), and
    /// drops size-1 axes, so the innermost loop is as long as the operands allow.
    static func mergeAxes(_ dimensions: inout [Int], _ strides: inout [[Int]]) {
        var axis = dimensions.count - 2
        while axis >= 0 {
            let next = axis + 1
            let mergeable = dimensions[axis] == 1 || dimensions[next] == 1 || strides.allSatisfy {
                $0[axis] == $0[next] * dimensions[next] || ($0[axis] == 0 && $0[next] == 0)
            }
            if mergeable {
                for input in strides.indices {
                    strides[input][next] = dimensions[next] == 1 ? strides[input][axis] : strides[input][next]
                    strides[input].remove(at: axis)
                }
                dimensions[next] *= dimensions[axis]
                dimensions.remove(at: axis)
            }
            axis -= 1
        }
    }
}
