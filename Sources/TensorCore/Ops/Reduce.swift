/// Sum or maximum over a set of axes, optionally keeping them as size-1 axes.
public struct Reduce: PrimitiveOp {
    public enum Kind: String, Sendable { case sum, max }
    public let kind: Kind
    public let axes: [Int]
    public let keepDimensions: Bool

    public init(_ kind: Kind, axes: [Int], keepDimensions: Bool) {
        self.kind = kind
        self.axes = axes
        self.keepDimensions = keepDimensions
    }

    public var signature: String { "\(kind.rawValue)(axes: \(axes), keep: \(keepDimensions))" }

    public func resolvedAxes(_ shape: Shape) throws -> Set<Int> {
        var result = Set<Int>()
        for axis in axes {
            let resolved = try shape.normalizedAxis(axis, op: signature)
            guard result.insert(resolved).inserted else {
                throw TensorError.invalidAttribute(op: signature, shapes: [shape], reason: "axis \(axis) is repeated")
            }
        }
        return result
    }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 1 else { throw TensorError.invalidAttribute(op: signature, shapes: inputs, reason: "expects 1 input") }
        let reduced = try resolvedAxes(inputs[0])
        var dimensions: [Int] = []
        for (axis, size) in inputs[0].dimensions.enumerated() {
            if reduced.contains(axis) { if keepDimensions { dimensions.append(1) } } else { dimensions.append(size) }
        }
        return Shape(dimensions)
    }

    public func execute(_ arguments: KernelArguments) {
        let inputShape = arguments.inputShapes[0]
        let input = arguments.inputs[0], output = arguments.output
        let reduced = (try? resolvedAxes(inputShape)) ?? []
        let outputCount = arguments.outputShape.elementCount
        let initial: Float = kind == .sum ? 0 : -.infinity
        output.update(repeating: initial, count: outputCount)
        if inputShape.rank == 0 { output[0] = input[0]; return }
        // Output strides laid over the input's axes, 0 on reduced axes.
        let keptShape = Shape(inputShape.dimensions.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element })
        let outputStrides = broadcastStrides(of: keptShape, to: inputShape)
        let inputStrides = inputShape.strides
        let rowLength = inputShape.dimensions[inputShape.rank - 1]
        let lastReduced = reduced.contains(inputShape.rank - 1)
        let isSum = kind == .sum
        forEachRow(dimensions: inputShape.dimensions, strides: [inputStrides, outputStrides]) { offsets in
            let row = input + offsets[0], target = output + offsets[1]
            if lastReduced {
                if isSum {
                    target[0] += RowReductions.sum(row, rowLength)
                } else {
                    target[0] = Swift.max(target[0], RowReductions.maximum(row, rowLength))
                }
            } else if isSum {
                for index in 0..<rowLength { target[index] += row[index] }
            } else {
                for index in 0..<rowLength { target[index] = Swift.max(target[index], row[index]) }
            }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        let x = inputs[0]
        let reduced = try resolvedAxes(x.shape)
        let keptShape = Shape(x.shape.dimensions.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element })
        let expandedGradient = try g.reshaped(keptShape).expanded(to: x.shape)
        switch kind {
        case .sum:
            return [expandedGradient]
        case .max:
            // Every element equal to the maximum receives the gradient (ties share it whole, as in JAX's max).
            let mask = try x.binary(.equalMask, output.reshaped(keptShape))
            return [try expandedGradient * mask]
        }
    }
}
