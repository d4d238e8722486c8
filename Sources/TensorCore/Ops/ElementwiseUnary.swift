import Foundation
/// y = f(x) pointwise.
public struct ElementwiseUnary: PrimitiveOp {
    public let function: UnaryFunction
    public init(_ function: UnaryFunction) { self.function = function }

    public var signature: String { function.name }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 1 else {
            throw TensorError.invalidAttribute(op: signature, shapes: inputs, reason: "expects 1 input")
        }
        return inputs[0]
    }

    public func execute(_ arguments: KernelArguments) {
        let input = arguments.inputs[0]
        let output = arguments.output
        let function = self.function
        Parallelism.forChunks(of: arguments.outputShape.elementCount) { range in
            UnaryKernels.apply(function, input + range.lowerBound, output + range.lowerBound, range.count)
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        let x = inputs[0]
        switch function {
        case .negate: return [try g.map(.negate)]
        case .exp: return [try g * output]
        case .log: return [try g / x]
        case .sqrt: return [try (g / output).map(.scale(0.5))]
        case .rsqrt: return [try (g * output.map(.square) * output).map(.scale(-0.5))]
        case .tanh: return [try g * output.map(.square).map(.negate).map(.shift(1))]
        case .sigmoid: return [try g * output * output.map(.negate).map(.shift(1))]
        // Through the output (relu(x) > 0 exactly where x > 0), so the pre-activation need not stay alive and a
        // matmul + bias + ReLU epilogue can fuse.
        case .relu: return [try g * output.map(.positiveMask)]
        case .square: return [try (g * x).map(.scale(2))]
        case .reciprocal: return [try (g * output.map(.square)).map(.negate)]
        case .abs: return [try g * x.map(.positiveMask).map(.scale(2)).map(.shift(-1))]
        case .geluTanh: return [try g * x.map(.geluTanhDerivative)]
        case .geluErf: return [try g * x.map(.geluErfDerivative)]
        case let .scale(factor): return [try g.map(.scale(factor))]
        case .shift: return [g]
        case .positiveMask, .geluTanhDerivative, .geluErfDerivative:
            throw TensorError.notDifferentiable(op: signature)
        }
    }
}

/// Loops specialised per function so the switch happens once per call, not once per element.
public enum UnaryKernels {
    @inline(__always)
    static func loop(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ count: Int,
                     _ body: (Float) -> Float) {
        for index in 0..<count { output[index] = body(input[index]) }
    }

    public static func apply(_ function: UnaryFunction, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
                      _ count: Int) {
        switch function {
        case .negate: loop(input, output, count) { -$0 }
        case .relu: loop(input, output, count) { $0 > 0 ? $0 : 0 }
        case .positiveMask: loop(input, output, count) { $0 > 0 ? 1 : 0 }
        case .square: loop(input, output, count) { $0 * $0 }
        case .reciprocal: loop(input, output, count) { 1 / $0 }
        case .sqrt: loop(input, output, count) { $0.squareRoot() }
        case .rsqrt: loop(input, output, count) { 1 / $0.squareRoot() }
        case .abs: loop(input, output, count) { Swift.abs($0) }
        case .tanh: loop(input, output, count) { fastTanh($0) }
        case .exp: loop(input, output, count) { fastExp($0) }
        case .log: loop(input, output, count) { Foundation.log($0) }
        case .sigmoid: loop(input, output, count) { 1 / (1 + fastExp(-$0)) }
        case .geluTanh: loop(input, output, count) { UnaryFunction.geluTanh.evaluate($0) }
        case .geluTanhDerivative: loop(input, output, count) { UnaryFunction.geluTanhDerivative.evaluate($0) }
        case let .scale(factor): loop(input, output, count) { $0 * factor }
        case let .shift(offset): loop(input, output, count) { $0 + offset }
        default: loop(input, output, count) { function.evaluate($0) }
        }
    }
}
