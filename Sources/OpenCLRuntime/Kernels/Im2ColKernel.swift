/// im2col and col2im in TensorCore's layout (columns [C·KH·KW, N·OH·OW], row (c, ki, kj), column (n, oh, ow)),
/// so a convolution lowers to one `GEMMKernel` call exactly as on the CPU. col2im gathers per image pixel over
/// the windows covering it, so overlapping windows need no atomics.
public struct Im2ColKernel {
    let context: OpenCLContext
    let unfoldKernel: OpenCLKernel
    let foldKernel: OpenCLKernel

    public init(context: OpenCLContext) throws {
        self.context = context
        let program = try context.program(source: Im2ColSource.text, label: "im2col")
        unfoldKernel = try program.kernel("im2col")
        foldKernel = try program.kernel("col2im")
    }

    public func encodeUnfold(image: DeviceBuffer, geometry: WindowGeometry, columns: DeviceBuffer) throws {
        try validate(image: image, columns: columns, geometry: geometry)
        try context.launch(unfoldKernel, globalSize: [geometry.columnCount, geometry.columnRows],
                           arguments: try geometry.arguments + [.buffer(image), .buffer(columns)])
    }

    /// Sums every column entry back into the pixel it was read from (overwrites `image`).
    public func encodeFold(columns: DeviceBuffer, geometry: WindowGeometry, image: DeviceBuffer) throws {
        try validate(image: image, columns: columns, geometry: geometry)
        try context.launch(foldKernel, globalSize: [geometry.imageCount],
                           arguments: try geometry.arguments + [.buffer(columns), .buffer(image)])
    }

    private func validate(image: DeviceBuffer, columns: DeviceBuffer, geometry: WindowGeometry) throws {
        guard image.count >= geometry.imageCount, columns.count >= geometry.columnRows * geometry.columnCount else {
            throw OpenCLError.invalidArgument(operation: "im2col \(geometry.window)",
                                              reason: "image of \(image.count) or columns of \(columns.count) floats too small")
        }
    }
}

enum Im2ColSource {
    static let text = """
    __kernel void im2col(\(WindowGeometry.parameterList), __global const float* image, __global float* columns) {
        const int column = get_global_id(0), row = get_global_id(1);
        const int positions = OH * OW, columnCount = N * positions;
        const int kj = row % KW, ki = (row / KW) % KH, c = row / (KH * KW);
        const int n = column / positions, position = column % positions;
        const int oh = position / OW, ow = position % OW;
        const int ih = oh * SH - PH + ki, iw = ow * SW - PW + kj;
        const int inside = ih >= 0 && ih < H && iw >= 0 && iw < W;
        columns[(long)row * columnCount + column] = inside ? image[(((long)n * C + c) * H + ih) * W + iw] : 0.0f;
    }

    __kernel void col2im(\(WindowGeometry.parameterList), __global const float* columns, __global float* image) {
        const long index = get_global_id(0);
        const int iw = index % W, ih = (index / W) % H, c = (index / ((long)W * H)) % C, n = index / ((long)W * H * C);
        const int positions = OH * OW, columnCount = N * positions;
        float total = 0.0f;
        for (int ki = 0; ki < KH; ki++) {
            const int shiftedH = ih + PH - ki;
            if (shiftedH < 0 || shiftedH % SH != 0 || shiftedH / SH >= OH) continue;
            for (int kj = 0; kj < KW; kj++) {
                const int shiftedW = iw + PW - kj;
                if (shiftedW < 0 || shiftedW % SW != 0 || shiftedW / SW >= OW) continue;
                const int row = (c * KH + ki) * KW + kj;
                const int column = n * positions + (shiftedH / SH) * OW + shiftedW / SW;
                total += columns[(long)row * columnCount + column];
            }
        }
        image[index] = total;
    }
    """
}
