/// The sliding-window geometry shared by im2col/col2im and the 2-D pools: kernel, stride and zero padding
/// per spatial axis (height, width), as PyTorch's `Conv2d`/`MaxPool2d` arguments.
public struct Window2D: Hashable, Sendable, CustomStringConvertible {
    public let kernelHeight: Int
    public let kernelWidth: Int
    public let strideHeight: Int
    public let strideWidth: Int
    public let paddingHeight: Int
    public let paddingWidth: Int

    public init(kernel: (height: Int, width: Int), stride: (height: Int, width: Int) = (1, 1),
                padding: (height: Int, width: Int) = (0, 0)) {
        kernelHeight = kernel.height
        kernelWidth = kernel.width
        strideHeight = stride.height
        strideWidth = stride.width
        paddingHeight = padding.height
        paddingWidth = padding.width
    }

    /// A square window: `kernel`×`kernel`, the same stride and padding on both axes.
    public init(kernel: Int, stride: Int = 1, padding: Int = 0) {
        self.init(kernel: (kernel, kernel), stride: (stride, stride), padding: (padding, padding))
    }

    public var description: String {
        "k\(kernelHeight)×\(kernelWidth) s\(strideHeight)×\(strideWidth) p\(paddingHeight)×\(paddingWidth)"
    }

    /// Output (height, width) for an input of (height, width), checking the attributes and that the kernel fits
    /// the padded input. `shapes` only names the operands in the error.
    func outputSize(height: Int, width: Int, op: String, shapes: [Shape]) throws -> (height: Int, width: Int) {
        guard kernelHeight >= 1, kernelWidth >= 1, strideHeight >= 1, strideWidth >= 1, paddingHeight >= 0,
              paddingWidth >= 0 else {
            throw TensorError.invalidAttribute(op: op, shapes: shapes,
                                               reason: "window \(self) needs kernel ≥ 1, stride ≥ 1, padding ≥ 0")
        }
        let paddedHeight = height + 2 * paddingHeight, paddedWidth = width + 2 * paddingWidth
        guard kernelHeight <= paddedHeight, kernelWidth <= paddedWidth else {
            throw TensorError.shapeMismatch(
                op: op, shapes: shapes,
                reason: "kernel \(kernelHeight)×\(kernelWidth) is larger than the padded input \(paddedHeight)×\(paddedWidth)")
        }
        return ((paddedHeight - kernelHeight) / strideHeight + 1, (paddedWidth - kernelWidth) / strideWidth + 1)
    }

    /// The output columns `lo..<hi` whose input column `o·stride + k − padding` lies inside `0..<width`.
    @inline(__always)
    func validRange(offset k: Int, stride: Int, padding: Int, inputSize: Int, outputSize: Int) -> (Int, Int) {
        let shift = padding - k
        let lo = shift <= 0 ? 0 : (shift + stride - 1) / stride
        let last = inputSize - 1 + shift
        let hi = last < 0 ? 0 : Swift.min(outputSize, last / stride + 1)
        return (Swift.min(lo, outputSize), Swift.max(hi, Swift.min(lo, outputSize)))
    }
}

/// Image dimensions of an NCHW shape.
struct ImageDimensions {
    let batch: Int, channels: Int, height: Int, width: Int
    init(_ shape: Shape) {
        batch = shape[0]; channels = shape[1]; height = shape[2]; width = shape[3]
    }
    var planes: Int { batch * channels }
    var planeSize: Int { height * width }
}

/// Copies an n-dimensional block: `dimensions` elements from `source` (row-major strides `sourceStrides`, starting
/// at `sourceBase`) to `target` (strides `targetStrides`, starting at `targetBase`). Last axes are contiguous in both.
/// With `accumulating`, the block is added to what `target` holds instead.
@inline(__always)
public func copyBlock(dimensions: [Int], from source: UnsafePointer<Float>, base sourceBase: Int, strides sourceStrides: [Int],
                      to target: UnsafeMutablePointer<Float>, base targetBase: Int, strides targetStrides: [Int],
                      accumulating: Bool = false) {
    if dimensions.isEmpty {
        target[targetBase] = accumulating ? target[targetBase] + source[sourceBase] : source[sourceBase]
        return
    }
    if dimensions.contains(0) { return }
    let rowLength = dimensions[dimensions.count - 1]
    forEachRow(dimensions: dimensions, strides: [sourceStrides, targetStrides]) { offsets in
        let row = target + targetBase + offsets[1], from = source + sourceBase + offsets[0]
        if accumulating {
            for index in 0..<rowLength { row[index] += from[index] }
        } else {
            row.update(from: from, count: rowLength)
        }
    }
}
