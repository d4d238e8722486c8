/// Neural-network building blocks as tensor methods; each is one primitive op or a short composition of them,
/// so eager execution, gradients and graph capture all see ordinary ops.
extension Tensor {
    // MARK: Slicing and joining

    /// The box `starts[axis]..<ends[axis]` on every axis.
    public func slice(starts: [Int], ends: [Int]) throws -> Tensor {
        if starts.allSatisfy({ $0 == 0 }) && ends == shape.dimensions { return self }
        return try Tensor.apply(Slice(starts: starts, ends: ends), [self])
    }

    /// Elements `range` of one axis (negative axes count from the end), all of the others.
    public func slice(axis: Int, range: Range<Int>) throws -> Tensor {
        let resolved = try shape.normalizedAxis(axis, op: "slice")
        var starts = [Int](repeating: 0, count: shape.rank), ends = shape.dimensions
        starts[resolved] = range.lowerBound
        ends[resolved] = range.upperBound
        return try slice(starts: starts, ends: ends)
    }

    /// Zero padding of `before[axis]`/`after[axis]` elements on each axis.
    public func padded(before: [Int], after: [Int]) throws -> Tensor {
        try Tensor.apply(Pad(before: before, after: after), [self])
    }

    /// Joins `tensors` along `axis`; all other axes must agree.
    public static func concat(_ tensors: [Tensor], axis: Int) throws -> Tensor {
        if tensors.count == 1 { return tensors[0] }
        return try Tensor.apply(Concat(axis: axis), tensors)
    }

    // MARK: Convolution and pooling (NCHW)

    /// 2-D cross-correlation (PyTorch's `conv2d`): input [N, C, H, W], weight [O, C, KH, KW], optional bias [O]
    /// → [N, O, OH, OW] with OH = (H + 2·padding − KH) / stride + 1. Lowered to im2col, one GEMM
    /// W[O, C·KH·KW] · columns[C·KH·KW, N·OH·OW], a bias add, and a block transpose [O, N, OH·OW] → [N, O, OH·OW];
    /// the gradients come from those ops' rules (col2im for the input).
    public func conv2d(_ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) throws -> Tensor {
        try conv2d(weight, bias: bias, stride: (stride, stride), padding: (padding, padding))
    }

    public func conv2d(_ weight: Tensor, bias: Tensor? = nil, stride: (height: Int, width: Int),
                       padding: (height: Int, width: Int)) throws -> Tensor {
        let shapes = [shape, weight.shape] + (bias.map { [$0.shape] } ?? [])
        guard shape.rank == 4, weight.shape.rank == 4 else {
            throw TensorError.shapeMismatch(op: "conv2d", shapes: shapes,
                                            reason: "expects input [N, C, H, W] and weight [O, C, KH, KW]")
        }
        guard shape[1] == weight.shape[1] else {
            throw TensorError.shapeMismatch(op: "conv2d", shapes: shapes,
                                            reason: "input has \(shape[1]) channels but the weight expects \(weight.shape[1])")
        }
        let outputChannels = weight.shape[0]
        if let bias, bias.shape != [outputChannels] {
            throw TensorError.shapeMismatch(op: "conv2d", shapes: shapes, reason: "bias must be [\(outputChannels)]")
        }
        let window = Window2D(kernel: (weight.shape[2], weight.shape[3]), stride: stride, padding: padding)
        let size = try window.outputSize(height: shape[2], width: shape[3], op: "conv2d", shapes: shapes)
        let columns = try Tensor.apply(Im2Col(window), [self])
        let kernelVolume = weight.shape[1] * weight.shape[2] * weight.shape[3]
        let batch = shape[0]
        var product = try weight.reshaped([outputChannels, kernelVolume]).matmul(columns)
        if let bias { product = try product + bias.reshaped([outputChannels, 1]) }
        let channelMajor = try product.reshaped([outputChannels, batch, size.height * size.width])
        return try Tensor.apply(SwapLeadingAxes(), [channelMajor]).reshaped([batch, outputChannels, size.height, size.width])
    }

    /// Max pooling over H and W of an NCHW tensor; `stride` defaults to `kernel` (as PyTorch).
    public func maxPool2d(kernel: Int, stride: Int? = nil, padding: Int = 0) throws -> Tensor {
        try Tensor.apply(MaxPooling2D(Window2D(kernel: kernel, stride: stride ?? kernel, padding: padding)), [self])
    }

    /// Average pooling over H and W of an NCHW tensor (padding counts as zeros); `stride` defaults to `kernel`.
    public func avgPool2d(kernel: Int, stride: Int? = nil, padding: Int = 0) throws -> Tensor {
        try Tensor.apply(AveragePooling2D(Window2D(kernel: kernel, stride: stride ?? kernel, padding: padding)), [self])
    }

    // MARK: Embedding, normalisation, dropout

    /// Rows of this table [V, D] at `ids` [...] (ids as Float) → [..., D].
    public func embeddingLookup(_ ids: Tensor) throws -> Tensor {
        try Tensor.apply(EmbeddingLookup(), [self, ids])
    }

    /// (x − mean) / √(var + ε) over the last axis.
    public func layerNormalized(epsilon: Float = 1e-5) throws -> Tensor {
        try Tensor.apply(LayerNormalization(epsilon: epsilon), [self])
    }

    /// Layer norm over the last axis with learned scale `gamma` and shift `beta` (both [D]).
    public func layerNorm(gamma: Tensor?, beta: Tensor?, epsilon: Float = 1e-5) throws -> Tensor {
        var result = try layerNormalized(epsilon: epsilon)
        if let gamma { result = try result * gamma }
        if let beta { result = try result + beta }
        return result
    }

    /// Inverted dropout: in training, zeroes each element with probability `probability` (mask drawn from `seed`)
    /// and scales the rest by 1/(1 − p); the identity in evaluation mode (`ExecutionContext.isTraining == false`)
    /// or when p = 0.
    public func dropout(probability: Float, seed: UInt64) throws -> Tensor {
        guard ExecutionContext.isTraining, probability > 0 else { return self }
        let mask = try Tensor.apply(DropoutMask(shape, probability: probability, seed: seed), [])
        return try self * mask
    }

    // MARK: Attention

    /// Scaled dot-product attention softmax(q·kᵀ/√d + mask)·v over batched [..., S, d] operands (batch axes equal).
    /// The 1/√d scale is applied to q, the smaller operand when S > d. `additiveMask` (broadcast to the scores
    /// [..., S, S]; e.g. [B, 1, 1, S] with a large negative number at padding keys) is added before the softmax.
    public static func scaledDotProductAttention(query: Tensor, key: Tensor, value: Tensor,
                                                 additiveMask: Tensor? = nil) throws -> Tensor {
        let depth = query.shape.dimensions.last ?? 1
        var scores = try (query * (1 / Float(depth).squareRoot())).matmul(key, transposeB: true)
        if let additiveMask { scores = try scores + additiveMask }
        return try scores.softmax(axis: -1).matmul(value)
    }
}
