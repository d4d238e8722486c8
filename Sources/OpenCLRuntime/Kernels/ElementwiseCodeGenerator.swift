/// Turns a fused elementwise group into OpenCL C: one work item per output element, every distinct subexpression
/// computed once (value numbering over the trees), all outputs written from the same pass. Shapes and strides are
/// runtime arguments, so one build serves every batch size; only the rank and the access pattern are baked in.
enum ElementwiseCodeGenerator {
    static let kernelName = "fused_elementwise"

    static func source(outputs: [ElementwiseExpression], accesses: [ElementwiseAccess], rank: Int) -> String {
        var parameters = ["const int count"]
        parameters += accesses.indices.map { "__global const float* input\($0)" }
        parameters += outputs.indices.map { "__global float* output\($0)" }
        parameters += (0..<rank).map { "const int dimension\($0)" }
        for (index, access) in accesses.enumerated() where access.codeKey == 2 {
            parameters += (0..<rank).map { "const int stride\(index)_\($0)" }
        }
        var lines = ["__kernel void \(kernelName)(\(parameters.joined(separator: ", "))) {",
                     "    const int index = get_global_id(0);",
                     "    if (index >= count) return;"]
        let stridedInputs = accesses.indices.filter { accesses[$0].codeKey == 2 }
        if !stridedInputs.isEmpty {
            lines.append("    int remainder = index;")
            for input in stridedInputs { lines.append("    int offset\(input) = 0;") }
            for axis in stride(from: rank - 1, through: 0, by: -1) {
                lines.append("    { const int coordinate = remainder % dimension\(axis); remainder /= dimension\(axis);")
                for input in stridedInputs { lines.append("      offset\(input) += coordinate * stride\(input)_\(axis);") }
                lines.append("    }")
            }
        }
        var numbering = ValueNumbering()
        for (index, access) in accesses.enumerated() {
            switch access {
            case .contiguous: numbering.predefine(.input(index), as: "input\(index)[index]")
            case .scalar: numbering.predefine(.input(index), as: "input\(index)[0]")
            case .strided: numbering.predefine(.input(index), as: "input\(index)[offset\(index)]")
            }
        }
        let results = outputs.map { numbering.value(of: $0) }
        lines += numbering.statements.map { "    \($0)" }
        for (index, result) in results.enumerated() { lines.append("    output\(index)[index] = \(result);") }
        lines.append("}")
        return OpenCLFunctionSource.prelude + lines.joined(separator: "\n") + "\n"
    }
}

/// Emits `const float vN = …;` once per distinct subexpression, so shared subtrees (x used by both a mask and a
/// product, say) are evaluated once per element.
struct ValueNumbering {
    private(set) var statements: [String] = []
    private var names: [ElementwiseExpression: String] = [:]
    private var loads: [ElementwiseExpression: String] = [:]

    mutating func predefine(_ expression: ElementwiseExpression, as load: String) { loads[expression] = load }

    mutating func value(of expression: ElementwiseExpression) -> String {
        if let name = names[expression] { return name }
        let text: String
        switch expression {
        case let .input(index): text = loads[expression] ?? "input\(index)[index]"
        case let .constant(value): return OpenCLFunctionSource.literal(value)
        case let .unary(function, operand): text = OpenCLFunctionSource.unary(function, value(of: operand))
        case let .binary(function, left, right):
            let leftName = value(of: left)
            text = OpenCLFunctionSource.binary(function, leftName, value(of: right))
        }
        let name = "v\(statements.count)"
        statements.append("const float \(name) = \(text);")
        names[expression] = name
        return name
    }
}
