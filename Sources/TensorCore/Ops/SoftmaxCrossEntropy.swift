import Foundation

/// Mean cross-entropy of softmax(logits [N, C]) against integer labels [N] (stored as Float), as one op so the
/// loss never materialises the probabilities in the forward pass.
public struct SoftmaxCrossEntropy: PrimitiveOp {
    public init() {}
    public var signature: String { "softmax_cross_entropy" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 2, inputs[0].rank == 2, inputs[1].rank == 1, inputs[0][0] == inputs[1][0] else {
            throw TensorError.shapeMismatch(op: signature, shapes: inputs,
                                            reason: "expects logits [N, C] and labels [N]")
        }
        return .scalar
    }

    public func execute(_ arguments: KernelArguments) {
        let logits = arguments.inputs[0], labels = arguments.inputs[1]
        let rows = arguments.inputShapes[0][0], classes = arguments.inputShapes[0][1]
        var total: Double = 0
        for row in 0..<rows {
            let x = logits + row * classes
            var maximum = -Float.infinity
            for index in 0..<classes { maximum = max(maximum, x[index]) }
            var sum: Float = 0
            for index in 0..<classes { sum += fastExp(x[index] - maximum) }
            let label = min(max(Int(labels[row]), 0), classes - 1)
            total += Double(Foundation.log(sum) + maximum - x[label])
        }
        arguments.output[0] = Float(total / Double(max(rows, 1)))
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        let logits = inputs[0], labels = inputs[1]
        let rows = logits.shape[0], classes = logits.shape[1]
        let probabilities = try logits.softmax(axis: -1)
        let target = try Tensor.apply(OneHot(classes: classes), [labels])
        let perRow = try (probabilities - target).map(.scale(1 / Float(max(rows, 1))))
        return [try perRow * g, nil]
    }
}

/// Labels [N] (as Float) → one-hot rows [N, classes]; a label outside 0..<classes gives an all-zero row.
public struct OneHot: PrimitiveOp {
    public let classes: Int
    public init(classes: Int) { self.classes = classes }
    public var signature: String { "one_hot(\(classes))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 1, inputs[0].rank == 1 else {
            throw TensorError.shapeMismatch(op: signature, shapes: inputs, reason: "expects labels [N]")
        }
        return Shape([inputs[0][0], classes])
    }

    public func execute(_ arguments: KernelArguments) {
        let rows = arguments.inputShapes[0][0]
        arguments.output.update(repeating: 0, count: rows * classes)
        for row in 0..<rows {
            let label = Int(arguments.inputs[0][row])
            if label >= 0 && label < classes { arguments.output[row * classes + label] = 1 }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor) throws -> [Tensor?] { [nil] }
}
