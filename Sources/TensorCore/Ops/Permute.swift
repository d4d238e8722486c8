/// Reorders axes (transpose generalised); output axis i is input axis `permutation[i]`.
public struct Permute: PrimitiveOp {
    public let permutation: [Int]
    public init(_ permutation: [Int]) { self.permutation = permutation }

    public var signature: String { "permute(\(permutation))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 1, permutation.count == inputs[0].rank,
              Set(permutation) == Set(0..<inputs[0].rank) else {
            throw TensorError.invalidAttribute(op: "permute", shapes: inputs,
                                               reason: "\(permutation) is not a permutation of the axes")
        }
        return Shape(permutation.map { inputs[0].dimensions[$0] })
    }

    public func execute(_ arguments: KernelArguments) {
        let outShape = arguments.outputShape
        let input = arguments.inputs[0], output = arguments.output
        if outShape.rank == 0 { output[0] = input[0]; return }
        let inputStrides = arguments.inputShapes[0].strides
        let permutedStrides = permutation.map { inputStrides[$0] }
        let rowLength = outShape.dimensions[outShape.rank - 1]
        let inner = permutedStrides[outShape.rank - 1]
        forEachRow(dimensions: outShape.dimensions, strides: [permutedStrides, outShape.strides]) { offsets in
            let source = input + offsets[0], target = output + offsets[1]
            if inner == 1 {
                // The last axis stays last (e.g. moving attention heads): rows are contiguous copies.
                target.update(from: source, count: rowLength)
            } else {
                for index in 0..<rowLength { target[index] = source[index * inner] }
            }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        var inverse = [Int](repeating: 0, count: permutation.count)
        for (index, axis) in permutation.enumerated() { inverse[axis] = index }
        return [try g.permuted(inverse)]
    }
}
