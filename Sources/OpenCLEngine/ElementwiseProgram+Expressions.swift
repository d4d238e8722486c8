import Engines
import OpenCLRuntime

extension ElementwiseProgram {
    /// The program's outputs as expression trees over its loads: the straight-line registers of the CPU's blocked
    /// interpreter become one generated OpenCL expression per output (shared subtrees are computed once by the
    /// code generator's value numbering), loads keeping their broadcast, so a fused group is one device launch.
    func expressions() -> [ElementwiseExpression] {
        var registers: [ElementwiseExpression] = []
        registers.reserveCapacity(instructions.count)
        for instruction in instructions {
            switch instruction {
            case let .load(input): registers.append(.input(input))
            case let .unary(function, operand): registers.append(.unary(function, registers[operand]))
            case let .binary(function, left, right): registers.append(.binary(function, registers[left], registers[right]))
            }
        }
        return outputs.map { registers[$0] }
    }
}
