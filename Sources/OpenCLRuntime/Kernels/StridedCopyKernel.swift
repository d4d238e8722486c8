/// Copies an n-dimensional block between two strided layouts: element `c` (a coordinate over `dimensions`) moves
/// from `source[sourceBase + Σ c·sourceStrides]` to `target[targetBase + Σ c·targetStrides]`. One kernel serves
/// every pure data-movement op — permute (permuted source strides), slice (a source base), pad (a target base
/// after a zero fill), concat (one copy per input) — so attention's head reshuffles and the LSTM's gate slices stay
/// on the device. Rank is baked into the program; sizes and strides are runtime arguments.
public struct StridedCopyKernel {
    public let rank: Int
    let context: OpenCLContext
    let kernel: OpenCLKernel

    public init(context: OpenCLContext, rank: Int) throws {
        guard rank >= 0 else { throw OpenCLError.invalidArgument(operation: "strided_copy", reason: "negative rank \(rank)") }
        self.rank = rank
        self.context = context
        let program = try context.program(source: Self.source(rank: rank), label: "strided_copy(rank \(rank))")
        kernel = try program.kernel("strided_copy")
    }

    public func encode(dimensions: [Int], source: DeviceBuffer, sourceBase: Int = 0, sourceStrides: [Int],
                       target: DeviceBuffer, targetBase: Int = 0, targetStrides: [Int]) throws {
        let count = dimensions.reduce(1, *)
        let operation = "strided_copy \(dimensions)"
        guard dimensions.count == rank, sourceStrides.count == rank, targetStrides.count == rank else {
            throw OpenCLError.invalidArgument(operation: operation, reason: "needs \(rank) dimensions and strides per side")
        }
        guard count > 0 else { return }
        let lastSource = sourceBase + zip(dimensions, sourceStrides).reduce(0) { $0 + ($1.0 - 1) * $1.1 }
        let lastTarget = targetBase + zip(dimensions, targetStrides).reduce(0) { $0 + ($1.0 - 1) * $1.1 }
        guard sourceBase >= 0, targetBase >= 0, lastSource < source.count, lastTarget < target.count else {
            throw OpenCLError.invalidArgument(operation: operation,
                                              reason: "reads up to \(lastSource) of \(source.count) or writes up to \(lastTarget) of \(target.count) floats")
        }
        var arguments: [KernelArgument] = [try .int(count), .buffer(source), .buffer(target), try .int(sourceBase),
                                           try .int(targetBase)]
        arguments += try (dimensions + sourceStrides + targetStrides).map { try .int($0) }
        try context.launch(kernel, globalSize: [count], arguments: arguments)
    }

    static func source(rank: Int) -> String {
        var parameters = ["const int count", "__global const float* source", "__global float* target",
                          "const int sourceBase", "const int targetBase"]
        parameters += (0..<rank).map { "const int dimension\($0)" }
        parameters += (0..<rank).map { "const int sourceStride\($0)" }
        parameters += (0..<rank).map { "const int targetStride\($0)" }
        var lines = ["__kernel void strided_copy(\(parameters.joined(separator: ", "))) {",
                     "    const int index = get_global_id(0);",
                     "    if (index >= count) return;",
                     "    int remainder = index, from = sourceBase, to = targetBase;"]
        for axis in stride(from: rank - 1, through: 0, by: -1) {
            lines.append("    { const int c = remainder % dimension\(axis); remainder /= dimension\(axis);"
                + " from += c * sourceStride\(axis); to += c * targetStride\(axis); }")
        }
        lines += ["    target[to] = source[from];", "}"]
        return lines.joined(separator: "\n") + "\n"
    }
}
