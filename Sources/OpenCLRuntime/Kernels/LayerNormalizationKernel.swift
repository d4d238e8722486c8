/// The normalisation core of layer norm over the last axis, forward and backward, matching TensorCore's
/// `LayerNormalization` / `LayerNormalizationBackward` (biased variance, statistics recomputed in the backward):
/// one work-group per row, so a transformer block's norm costs one launch each way.
public struct LayerNormalizationKernel {
    public let epsilon: Float
    let context: OpenCLContext
    let forwardKernel: OpenCLKernel
    let backwardKernel: OpenCLKernel

    public init(context: OpenCLContext, epsilon: Float = 1e-5) throws {
        self.epsilon = epsilon
        self.context = context
        let program = try context.program(source: LayerNormalizationSource.text, label: "layer_normalization")
        forwardKernel = try program.kernel("layer_normalization")
        backwardKernel = try program.kernel("layer_normalization_backward")
    }

    /// output = (x − mean) / √(var + ε) per row of `width`.
    public func encodeForward(input: DeviceBuffer, rows: Int, width: Int, output: DeviceBuffer) throws {
        try validate(rows: rows, width: width, buffers: [input, output])
        let group = GroupReductionSource.groupSize(width: width, device: context.device.info)
        try context.launch(forwardKernel, globalSize: [rows * group], localSize: [group], arguments: [
            try .int(width), .float(epsilon), .buffer(input), .buffer(output), .localBytes(group * 4),
        ])
    }

    /// dx = (g − mean(g) − x̂·mean(g·x̂)) / √(var + ε) per row.
    public func encodeBackward(input: DeviceBuffer, cotangent: DeviceBuffer, rows: Int, width: Int,
                               gradient: DeviceBuffer) throws {
        try validate(rows: rows, width: width, buffers: [input, cotangent, gradient])
        let group = GroupReductionSource.groupSize(width: width, device: context.device.info)
        try context.launch(backwardKernel, globalSize: [rows * group], localSize: [group], arguments: [
            try .int(width), .float(epsilon), .buffer(input), .buffer(cotangent), .buffer(gradient), .localBytes(group * 4),
        ])
    }

    private func validate(rows: Int, width: Int, buffers: [DeviceBuffer]) throws {
        guard rows >= 0, width > 0, buffers.allSatisfy({ $0.count >= rows * width }) else {
            throw OpenCLError.invalidArgument(operation: "layer_normalization [\(rows), \(width)]",
                                              reason: "needs width > 0 and buffers of rows × width floats")
        }
    }
}

enum LayerNormalizationSource {
    static let text = GroupReductionSource.text + """
    inline void row_statistics(__global const float* x, const int width, const float epsilon, __local float* scratch,
                               float* mean, float* inverse) {
        const int item = get_local_id(0), items = get_local_size(0);
        float partial = 0.0f;
        for (int c = item; c < width; c += items) partial += x[c];
        const float average = group_sum(scratch, partial) / (float)width;
        float squares = 0.0f;
        for (int c = item; c < width; c += items) { const float d = x[c] - average; squares += d * d; }
        *mean = average;
        *inverse = 1.0f / sqrt(group_sum(scratch, squares) / (float)width + epsilon);
    }

    __kernel void layer_normalization(const int width, const float epsilon, __global const float* input,
                                      __global float* output, __local float* scratch) {
        const long row = get_group_id(0);
        const int item = get_local_id(0), items = get_local_size(0);
        __global const float* x = input + row * width;
        float mean, inverse;
        row_statistics(x, width, epsilon, scratch, &mean, &inverse);
        for (int c = item; c < width; c += items) output[row * width + c] = (x[c] - mean) * inverse;
    }

    __kernel void layer_normalization_backward(const int width, const float epsilon, __global const float* input,
                                               __global const float* cotangent, __global float* gradient,
                                               __local float* scratch) {
        const long row = get_group_id(0);
        const int item = get_local_id(0), items = get_local_size(0);
        __global const float* x = input + row * width;
        __global const float* g = cotangent + row * width;
        float mean, inverse;
        row_statistics(x, width, epsilon, scratch, &mean, &inverse);
        float gPartial = 0.0f, gxPartial = 0.0f;
        for (int c = item; c < width; c += items) {
            gPartial += g[c];
            gxPartial += g[c] * (x[c] - mean) * inverse;
        }
        const float gMean = group_sum(scratch, gPartial) / (float)width;
        const float gxMean = group_sum(scratch, gxPartial) / (float)width;
        for (int c = item; c < width; c += items) {
            const float normalized = (x[c] - mean) * inverse;
            gradient[row * width + c] = (g[c] - gMean - normalized * gxMean) * inverse;
        }
    }
    """
}
