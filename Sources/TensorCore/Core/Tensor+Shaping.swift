/// Shape-changing and reducing ops.
extension Tensor {
    public func reshaped(_ shape: Shape) throws -> Tensor {
        if shape == self.shape { return self }
        return try Tensor.apply(Reshape(to: shape), [self])
    }

    public func permuted(_ permutation: [Int]) throws -> Tensor { try Tensor.apply(Permute(permutation), [self]) }

    /// Swaps the last two axes.
    public func transposed() throws -> Tensor {
        var permutation = Array(0..<shape.rank)
        guard shape.rank >= 2 else { return self }
        permutation.swapAt(shape.rank - 1, shape.rank - 2)
        return try permuted(permutation)
    }

    public func expanded(to shape: Shape) throws -> Tensor {
        if shape == self.shape { return self }
        return try Tensor.apply(Expand(to: shape), [self])
    }

    public func sum(axes: [Int], keepDimensions: Bool = false) throws -> Tensor {
        try Tensor.apply(Reduce(.sum, axes: axes, keepDimensions: keepDimensions), [self])
    }

    public func sum() throws -> Tensor { try sum(axes: Array(0..<shape.rank)) }

    public func max(axes: [Int], keepDimensions: Bool = false) throws -> Tensor {
        try Tensor.apply(Reduce(.max, axes: axes, keepDimensions: keepDimensions), [self])
    }

    public func mean(axes: [Int], keepDimensions: Bool = false) throws -> Tensor {
        let count = try axes.map { try shape.normalizedAxis($0, op: "mean") }.reduce(1) { $0 * shape[$1] }
        return try sum(axes: axes, keepDimensions: keepDimensions).map(.scale(1 / Float(Swift.max(count, 1))))
    }

    public func mean() throws -> Tensor { try mean(axes: Array(0..<shape.rank)) }

    /// Sums a broadcast result back to `target` (the gradient of broadcasting).
    public func sum(toShape target: Shape) throws -> Tensor {
        if shape == target { return self }
        let leading = shape.rank - target.rank
        var axes = Array(0..<leading)
        for (index, size) in target.dimensions.enumerated() where size == 1 && shape[leading + index] != 1 {
            axes.append(leading + index)
        }
        let reduced = axes.isEmpty ? self : try sum(axes: axes, keepDimensions: true)
        return try reduced.reshaped(target)
    }

    public static func onesLike(_ tensor: Tensor) throws -> Tensor { try Tensor.apply(Fill(tensor.shape, value: 1), []) }
    public static func zerosLike(_ tensor: Tensor) throws -> Tensor { try Tensor.apply(Fill(tensor.shape, value: 0), []) }
    public static func constant(_ value: Float, shape: Shape = .scalar) throws -> Tensor {
        try Tensor.apply(Fill(shape, value: value), [])
    }
}
