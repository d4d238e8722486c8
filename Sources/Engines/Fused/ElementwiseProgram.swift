import TensorCore

/// The expression a fused elementwise group computes, as straight-line code over registers: instruction i
/// writes register i. Inputs are the group's external tensors, broadcast to the group's shape.
public struct ElementwiseProgram: Hashable, Sendable, CustomStringConvertible {
    public enum Instruction: Hashable, Sendable {
        case load(input: Int)
        case unary(UnaryFunction, Int)
        case binary(BinaryFunction, Int, Int)
    }

    public var instructions: [Instruction]
    /// Registers written to the kernel's outputs: the first to `output`, the rest to `additionalOutputs`.
    public var outputs: [Int]

    public init(instructions: [Instruction], outputs: [Int]) {
        self.instructions = instructions
        self.outputs = outputs
    }

    public var description: String {
        let body = instructions.enumerated().map { index, instruction -> String in
            switch instruction {
            case let .load(input): return "r\(index)=in\(input)"
            case let .unary(function, a): return "r\(index)=\(function.name)(r\(a))"
            case let .binary(function, a, b): return "r\(index)=\(function.rawValue)(r\(a),r\(b))"
            }
        }
        return body.joined(separator: ";") + "→" + outputs.map { "r\($0)" }.joined(separator: ",")
    }
}
