/// Unfolds the sliding windows of an NCHW image batch into columns (Caffe's layout, batch folded into the
/// columns): input [N, C, H, W] → [C·KH·KW, N·OH·OW], row (c, ki, kj), column (n, oh, ow); padding reads as
/// zeros. A convolution is then one large GEMM `W[O, C·KH·KW] · columns` (and its weight gradient one GEMM with
/// K = N·OH·OW), which OpenBLAS runs far faster than N small per-image GEMMs. The gradient folds the columns
/// back (`Col2Im`).
public struct Im2Col: PrimitiveOp {
    public let window: Window2D
    public init(_ window: Window2D) { self.window = window }

    public var signature: String { "im2col(\(window))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard inputs.count == 1, inputs[0].rank == 4 else {
            throw TensorError.shapeMismatch(op: "im2col", shapes: inputs, reason: "expects one NCHW input [N, C, H, W]")
        }
        let image = ImageDimensions(inputs[0])
        let size = try window.outputSize(height: image.height, width: image.width, op: "im2col", shapes: inputs)
        return [image.channels * window.kernelHeight * window.kernelWidth, image.batch * size.height * size.width]
    }

    public func execute(_ arguments: KernelArguments) {
        let image = ImageDimensions(arguments.inputShapes[0])
        let w = window
        let kernelArea = w.kernelHeight * w.kernelWidth
        let rows = image.channels * kernelArea
        let outputHeight = (image.height + 2 * w.paddingHeight - w.kernelHeight) / w.strideHeight + 1
        let outputWidth = (image.width + 2 * w.paddingWidth - w.kernelWidth) / w.strideWidth + 1
        let positions = outputHeight * outputWidth
        let input = arguments.inputs[0], output = arguments.output
        let columns = image.batch * positions
        Parallelism.forRows(image.batch * rows, elementsPerRow: positions) { rowRange in
            for batchRow in rowRange {
                let row = batchRow / image.batch, n = batchRow % image.batch
                let kj = row % w.kernelWidth, ki = (row / w.kernelWidth) % w.kernelHeight, c = row / kernelArea
                let (lo, hi) = w.validRange(offset: kj, stride: w.strideWidth, padding: w.paddingWidth,
                                            inputSize: image.width, outputSize: outputWidth)
                let columnShift = kj - w.paddingWidth
                do {
                    let plane = input + (n * image.channels + c) * image.planeSize
                    let target = output + row * columns + n * positions
                    for oh in 0..<outputHeight {
                        let destination = target + oh * outputWidth
                        let ih = oh * w.strideHeight - w.paddingHeight + ki
                        guard ih >= 0 && ih < image.height else {
                            destination.update(repeating: 0, count: outputWidth)
                            continue
                        }
                        let source = plane + ih * image.width
                        for ow in 0..<lo { destination[ow] = 0 }
                        if w.strideWidth == 1 {
                            if hi > lo { (destination + lo).update(from: source + (lo + columnShift), count: hi - lo) }
                        } else {
                            for ow in lo..<hi { destination[ow] = source[ow * w.strideWidth + columnShift] }
                        }
                        for ow in hi..<outputWidth { destination[ow] = 0 }
                    }
                }
            }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        [try Tensor.apply(Col2Im(window, imageShape: inputs[0].shape), [g])]
    }
}

/// Folds columns [C·KH·KW, N·OH·OW] back into an image [N, C, H, W], summing where windows overlap: the adjoint
/// of `Im2Col` (the input gradient of a convolution). Linear, so its own gradient is `Im2Col`.
public struct Col2Im: PrimitiveOp {
    public let window: Window2D
    public let imageShape: Shape
    public init(_ window: Window2D, imageShape: Shape) { self.window = window; self.imageShape = imageShape }

    public var signature: String { "col2im(\(window), image: \(imageShape))" }

    public func outputShape(for inputs: [Shape]) throws -> Shape {
        guard imageShape.rank == 4 else {
            throw TensorError.invalidAttribute(op: "col2im", shapes: inputs + [imageShape], reason: "image shape must be [N, C, H, W]")
        }
        let expected = try Im2Col(window).outputShape(for: [imageShape])
        guard inputs.count == 1, inputs[0] == expected else {
            throw TensorError.shapeMismatch(op: "col2im", shapes: inputs + [expected],
                                            reason: "columns must have the im2col shape of image \(imageShape)")
        }
        return imageShape
    }

    public func execute(_ arguments: KernelArguments) {
        let image = ImageDimensions(imageShape)
        let w = window
        let outputHeight = (image.height + 2 * w.paddingHeight - w.kernelHeight) / w.strideHeight + 1
        let outputWidth = (image.width + 2 * w.paddingWidth - w.kernelWidth) / w.strideWidth + 1
        let positions = outputHeight * outputWidth
        let input = arguments.inputs[0], output = arguments.output
        // One image plane (n, c) per task: the windows of different planes never write to the same element.
        Parallelism.forRows(image.planes, elementsPerRow: w.kernelHeight * w.kernelWidth * positions) { planes in
            for planeIndex in planes {
                let n = planeIndex / image.channels, c = planeIndex % image.channels
                let plane = output + planeIndex * image.planeSize
                plane.update(repeating: 0, count: image.planeSize)
                for ki in 0..<w.kernelHeight {
                    for kj in 0..<w.kernelWidth {
                        let row = (c * w.kernelHeight + ki) * w.kernelWidth + kj
                        let (lo, hi) = w.validRange(offset: kj, stride: w.strideWidth, padding: w.paddingWidth,
                                                    inputSize: image.width, outputSize: outputWidth)
                        let columnShift = kj - w.paddingWidth
                        let source = input + row * image.batch * positions + n * positions
                        for oh in 0..<outputHeight {
                            let ih = oh * w.strideHeight - w.paddingHeight + ki
                            guard ih >= 0 && ih < image.height else { continue }
                            let target = plane + ih * image.width
                            let values = source + oh * outputWidth
                            if w.strideWidth == 1 {
                                for ow in lo..<hi { target[ow + columnShift] += values[ow] }
                            } else {
                                for ow in lo..<hi { target[ow * w.strideWidth + columnShift] += values[ow] }
                            }
                        }
                    }
                }
            }
        }
    }

    public func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor) throws -> [Tensor?] {
        [try Tensor.apply(Im2Col(window), [g])]
    }
}
