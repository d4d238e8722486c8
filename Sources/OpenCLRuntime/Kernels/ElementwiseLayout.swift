import TensorCore

/// How one input of a fused elementwise group is read for an output of a given shape. Same-shape inputs read the
/// output's own index and scalars read element 0, so only genuinely broadcast inputs pay for index arithmetic.
public enum ElementwiseAccess: Hashable, Sendable {
    case contiguous
    case scalar
    /// Per output axis, the input's stride (0 along broadcast axes).
    case strided([Int])

    /// The access of `input` broadcast to `output` (NumPy rules: right-aligned, sizes equal or 1).
    public static func of(_ input: Shape, broadcastTo output: Shape) throws -> ElementwiseAccess {
        if input == output { return .contiguous }
        if input.elementCount == 1 { return .scalar }
        guard input.rank <= output.rank else {
            throw OpenCLError.invalidArgument(operation: "elementwise", reason: "input \(input) has more axes than output \(output)")
        }
        let padded = [Int](repeating: 1, count: output.rank - input.rank) + input.dimensions
        let inputStrides = Shape(padded).strides
        var strides: [Int] = []
        for axis in 0..<output.rank {
            guard padded[axis] == output[axis] || padded[axis] == 1 else {
                throw OpenCLError.invalidArgument(operation: "elementwise",
                                                  reason: "input \(input) does not broadcast to output \(output)")
            }
            strides.append(padded[axis] == 1 ? 0 : inputStrides[axis])
        }
        return .strided(strides)
    }

    /// The pattern that selects generated code (strided inputs differ only in runtime strides).
    var codeKey: Int {
        switch self {
        case .contiguous: return 0
        case .scalar: return 1
        case .strided: return 2
        }
    }
}
