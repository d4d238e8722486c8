import TensorCore

/// An NCHW batch and a sliding window over it, with the output size TensorCore computes
/// ((H + 2p − k) / s + 1, floored). The window kernels take it as a fixed list of `int` arguments.
public struct WindowGeometry: Hashable, Sendable {
    public let batch: Int, channels: Int, height: Int, width: Int
    public let window: Window2D
    public let outputHeight: Int, outputWidth: Int

    public init(imageShape: Shape, window: Window2D) throws {
        guard imageShape.rank == 4 else {
            throw OpenCLError.invalidArgument(operation: "window \(window)", reason: "expects an NCHW image, got \(imageShape)")
        }
        batch = imageShape[0]
        channels = imageShape[1]
        height = imageShape[2]
        width = imageShape[3]
        self.window = window
        let paddedHeight = height + 2 * window.paddingHeight, paddedWidth = width + 2 * window.paddingWidth
        guard window.kernelHeight >= 1, window.kernelWidth >= 1, window.strideHeight >= 1, window.strideWidth >= 1,
              paddedHeight >= window.kernelHeight, paddedWidth >= window.kernelWidth else {
            throw OpenCLError.invalidArgument(operation: "window \(window)", reason: "does not fit the image \(imageShape)")
        }
        outputHeight = (paddedHeight - window.kernelHeight) / window.strideHeight + 1
        outputWidth = (paddedWidth - window.kernelWidth) / window.strideWidth + 1
    }

    public var imageCount: Int { batch * channels * height * width }
    public var pooledCount: Int { batch * channels * outputHeight * outputWidth }
    /// Rows × columns of the im2col matrix: C·KH·KW × N·OH·OW.
    public var columnRows: Int { channels * window.kernelHeight * window.kernelWidth }
    public var columnCount: Int { batch * outputHeight * outputWidth }

    var arguments: [KernelArgument] {
        get throws {
            try [batch, channels, height, width, window.kernelHeight, window.kernelWidth, window.strideHeight,
                 window.strideWidth, window.paddingHeight, window.paddingWidth, outputHeight, outputWidth].map { try .int($0) }
        }
    }

    static let parameterList = """
    const int N, const int C, const int H, const int W, const int KH, const int KW, const int SH, const int SW,
    const int PH, const int PW, const int OH, const int OW
    """
}
