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

    /// Nil when the program uses a function without an exact C spelling.
    init?(_ kernel: FusedElementwise, name: String) {
        let program = kernel.program
        var dimensions = kernel.shape.dimensions.isEmpty ? [1] : kernel.shape.dimensions
        var strides = kernel.inputShapes.map { input -> [Int] in
            kernel.shape.rank == 0 ? [0] : broadcastStrides(of: input, to: kernel.shape)
        }
        Self.mergeAxes(&dimensions, &strides)
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
        lines += kernel.inputShapes.indices.map { "        const float* p\($0) = in[\($0)] + o\($0);" }
        lines += program.outputs.indices.map { "        float* q\($0) = out[\($0)] + row * \(columns);" }
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
