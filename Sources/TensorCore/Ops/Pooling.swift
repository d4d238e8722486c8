import CKernels

/// 2-D max pooling over NCHW input: [N, C, H, W] → [N, C, OH, OW]; padded positions never win (as PyTorch's
/// implicit −∞ padding). The gradient routes each output's cotangent to the first maximum of its window
/// (`MaxPooling2DBackward`, as PyTorch's argmax indices).
public struct MaxPooling2D: PrimitiveOp {
    public let window: Window2D
    public init(_ window: Window2D) { self.window = window }

    public var signature: String { "max_pool2d(\(window))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        try poolOutputShape(window, inputs, op: "max_pool2d")
    }

    public func execute(_ arguments: KernelArguments) {
        let image = ImageDimensions(arguments.inputShapes[0])
        let w = window
        let outputHeight = arguments.outputShape[2], outputWidth = arguments.outputShape[3]
        let input = arguments.inputs[0], output = arguments.output
        let isTwoByTwo = w == Window2D(kernel: 2, stride: 2)
        Parallelism.forRows(image.planes, elementsPerRow: image.planeSize) { planes in
            for planeIndex in planes {
                let plane = input + planeIndex * image.planeSize
                let target = output + planeIndex * outputHeight * outputWidth
                if isTwoByTwo {
                    // The common LeNet/VGG case, branch-free: the max of each 2×2 block.
                    for oh in 0..<outputHeight {
                        let top = plane + 2 * oh * image.width, bottom = top + image.width
                        let row = target + oh * outputWidth
                        for ow in 0..<outputWidth {
                            row[ow] = Swift.max(Swift.max(top[2 * ow], top[2 * ow + 1]),
                                                Swift.max(bottom[2 * ow], bottom[2 * ow + 1]))
                        }
                    }
                    continue
                }
                for oh in 0..<outputHeight {
                    let h0 = oh * w.strideHeight - w.paddingHeight
                    let hLo = Swift.max(h0, 0), hHi = Swift.min(h0 + w.kernelHeight, image.height)
                    for ow in 0..<outputWidth {
                        let w0 = ow * w.strideWidth - w.paddingWidth
                        let wLo = Swift.max(w0, 0), wHi = Swift.min(w0 + w.kernelWidth, image.width)
                        var maximum = -Float.infinity
                        for ih in hLo..<hHi {
                            let row = plane + ih * image.width
                            for iw in wLo..<wHi { maximum = Swift.max(maximum, row[iw]) }
                        }
                        target[oh * outputWidth + ow] = maximum
                    }
                }
            }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        [try Tensor.apply(MaxPooling2DBackward(window), [inputs[0], g])]
    }
}

/// The input gradient of `MaxPooling2D`: inputs [x [N, C, H, W], cotangent [N, C, OH, OW]] → [N, C, H, W]. Each
/// window's maximum is found again from x (no index tensor to keep) and receives the cotangent; others get 0.
public struct MaxPooling2DBackward: PrimitiveOp {
    public let window: Window2D
    public init(_ window: Window2D) { self.window = window }

    public var signature: String { "max_pool2d_backward(\(window))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 2 else {
            throw TensorError.invalidAttribute(op: "max_pool2d_backward", shapes: inputs, reason: "expects x and the cotangent")
        }
        let pooled = try poolOutputShape(window, [inputs[0]], op: "max_pool2d_backward")
        guard inputs[1] == pooled else {
            throw TensorError.shapeMismatch(op: "max_pool2d_backward", shapes: inputs, reason: "cotangent must be \(pooled)")
        }
        return inputs[0]
    }

    public func execute(_ arguments: KernelArguments) {
        let image = ImageDimensions(arguments.inputShapes[0])
        let w = window
        let outputHeight = arguments.inputShapes[1][2], outputWidth = arguments.inputShapes[1][3]
        let input = arguments.inputs[0], cotangent = arguments.inputs[1], output = arguments.output
        let isTwoByTwo = w == Window2D(kernel: 2, stride: 2)
        Parallelism.forRows(image.planes, elementsPerRow: image.planeSize) { planes in
            for planeIndex in planes {
                let plane = input + planeIndex * image.planeSize
                let gradient = output + planeIndex * image.planeSize
                let g = cotangent + planeIndex * outputHeight * outputWidth
                if isTwoByTwo {
                    // In C: Swift compiles these compare-selects to branches, which real activations mispredict.
                    // W3's 64×8×28×28 backward in its fused profile: 835 µs in Swift, 656 µs in scalar C (clang
                    // kept a branch), 122–185 µs with SSE2 four blocks at a time; its 64×16×14×14: 354 → 78–90 µs.
                    dlbench_max_pool_2x2_backward(plane, g, gradient, 1, image.height, image.width)
                    continue
                }
                gradient.update(repeating: 0, count: image.planeSize)
                for oh in 0..<outputHeight {
                    let h0 = oh * w.strideHeight - w.paddingHeight
                    let hLo = Swift.max(h0, 0), hHi = Swift.min(h0 + w.kernelHeight, image.height)
                    for ow in 0..<outputWidth {
                        let w0 = ow * w.strideWidth - w.paddingWidth
                        let wLo = Swift.max(w0, 0), wHi = Swift.min(w0 + w.kernelWidth, image.width)
                        var maximum = -Float.infinity
                        var best = -1
                        for ih in hLo..<hHi {
                            for iw in wLo..<wHi where plane[ih * image.width + iw] > maximum {
                                maximum = plane[ih * image.width + iw]
                                best = ih * image.width + iw
                            }
                        }
                        if best >= 0 { gradient[best] += g[oh * outputWidth + ow] }
                    }
                }
            }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent: Tensor) throws -> [Tensor?] {
        throw TensorError.notDifferentiable(op: signature)
    }
}

/// 2-D average pooling over NCHW input; padded positions count as zeros in the average (PyTorch's default
/// `count_include_pad=True`), so every window divides by KH·KW. The gradient spreads each cotangent evenly
/// over its window (`AveragePooling2DBackward`).
public struct AveragePooling2D: PrimitiveOp {
    public let window: Window2D
    public init(_ window: Window2D) { self.window = window }

    public var signature: String { "avg_pool2d(\(window))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        try poolOutputShape(window, inputs, op: "avg_pool2d")
    }

    public func execute(_ arguments: KernelArguments) {
        let image = ImageDimensions(arguments.inputShapes[0])
        let w = window
        let outputHeight = arguments.outputShape[2], outputWidth = arguments.outputShape[3]
        let scale = 1 / Float(w.kernelHeight * w.kernelWidth)
        let input = arguments.inputs[0], output = arguments.output
        Parallelism.forRows(image.planes, elementsPerRow: image.planeSize) { planes in
            for planeIndex in planes {
                let plane = input + planeIndex * image.planeSize
                let target = output + planeIndex * outputHeight * outputWidth
                for oh in 0..<outputHeight {
                    let h0 = oh * w.strideHeight - w.paddingHeight
                    let hLo = Swift.max(h0, 0), hHi = Swift.min(h0 + w.kernelHeight, image.height)
                    for ow in 0..<outputWidth {
                        let w0 = ow * w.strideWidth - w.paddingWidth
                        let wLo = Swift.max(w0, 0), wHi = Swift.min(w0 + w.kernelWidth, image.width)
                        var total: Float = 0
                        for ih in hLo..<hHi {
                            let row = plane + ih * image.width
                            for iw in wLo..<wHi { total += row[iw] }
                        }
                        target[oh * outputWidth + ow] = total * scale
                    }
                }
            }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        [try Tensor.apply(AveragePooling2DBackward(window, imageShape: inputs[0].shape), [g])]
    }
}

/// The input gradient of `AveragePooling2D`: cotangent [N, C, OH, OW] → [N, C, H, W]. Linear (the adjoint of the
/// pool), so its own gradient is `AveragePooling2D`.
public struct AveragePooling2DBackward: PrimitiveOp {
    public let window: Window2D
    public let imageShape: Shape
    public init(_ window: Window2D, imageShape: Shape) { self.window = window; self.imageShape = imageShape }

    public var signature: String { "avg_pool2d_backward(\(window), image: \(imageShape))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        let pooled = try poolOutputShape(window, [imageShape], op: "avg_pool2d_backward")
        guard inputs.count == 1, inputs[0] == pooled else {
            throw TensorError.shapeMismatch(op: "avg_pool2d_backward", shapes: inputs + [pooled],
                                            reason: "cotangent must be the pooled shape of image \(imageShape)")
        }
        return imageShape
    }

    public func execute(_ arguments: KernelArguments) {
        let image = ImageDimensions(imageShape)
        let w = window
        let outputHeight = arguments.inputShapes[0][2], outputWidth = arguments.inputShapes[0][3]
        let scale = 1 / Float(w.kernelHeight * w.kernelWidth)
        let cotangent = arguments.inputs[0], output = arguments.output
        Parallelism.forRows(image.planes, elementsPerRow: image.planeSize) { planes in
            for planeIndex in planes {
                let gradient = output + planeIndex * image.planeSize
                let g = cotangent + planeIndex * outputHeight * outputWidth
                gradient.update(repeating: 0, count: image.planeSize)
                for oh in 0..<outputHeight {
                    let h0 = oh * w.strideHeight - w.paddingHeight
                    let hLo = Swift.max(h0, 0), hHi = Swift.min(h0 + w.kernelHeight, image.height)
                    for ow in 0..<outputWidth {
                        let w0 = ow * w.strideWidth - w.paddingWidth
                        let wLo = Swift.max(w0, 0), wHi = Swift.min(w0 + w.kernelWidth, image.width)
                        let share = g[oh * outputWidth + ow] * scale
                        for ih in hLo..<hHi {
                            let row = gradient + ih * image.width
                            for iw in wLo..<wHi { row[iw] += share }
                        }
                    }
                }
            }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        [try Tensor.apply(AveragePooling2D(window), [g])]
    }
}

/// [N, C, OH, OW] for a pool over `inputs[0]`, checking rank, window and PyTorch's rule padding ≤ kernel / 2
/// (so that no window lies wholly in the padding).
func poolOutputShape(_ window: Window2D, _ inputs: [Shape], op: String) throws -> Shape {
    guard inputs.count == 1, inputs[0].rank == 4 else {
        throw TensorError.shapeMismatch(op: op, shapes: inputs, reason: "expects one NCHW input [N, C, H, W]")
    }
    guard 2 * window.paddingHeight <= window.kernelHeight, 2 * window.paddingWidth <= window.kernelWidth else {
        throw TensorError.invalidAttribute(op: op, shapes: inputs, reason: "padding must be at most half the kernel (\(window))")
    }
    let image = ImageDimensions(inputs[0])
    let size = try window.outputSize(height: image.height, width: image.width, op: op, shapes: inputs)
    return [image.batch, image.channels, size.height, size.width]
}
