/// 2-D max and average pooling over NCHW, forward and backward, with TensorCore's semantics: max ignores padding
/// (−∞) and routes each gradient to the first maximum of its window in scan order; average counts padding as
/// zeros and divides by KH·KW. Backward kernels gather per input pixel over the windows covering it (no atomics).
public struct PoolingKernel {
    public enum Kind: String, Sendable { case max, average }

    public let kind: Kind
    let context: OpenCLContext
    let forwardKernel: OpenCLKernel
    let backwardKernel: OpenCLKernel

    public init(context: OpenCLContext, kind: Kind) throws {
        self.kind = kind
        self.context = context
        let program = try context.program(source: PoolingSource.text, label: "pooling")
        forwardKernel = try program.kernel(kind == .max ? "max_pool_forward" : "average_pool_forward")
        backwardKernel = try program.kernel(kind == .max ? "max_pool_backward" : "average_pool_backward")
    }

    public func encodeForward(input: DeviceBuffer, geometry: WindowGeometry, output: DeviceBuffer) throws {
        try validate([(input, geometry.imageCount), (output, geometry.pooledCount)], geometry)
        try context.launch(forwardKernel, globalSize: [geometry.pooledCount],
                           arguments: try geometry.arguments + [.buffer(input), .buffer(output)])
    }

    /// The input gradient; max pooling also reads the forward `input` to find each window's maximum.
    public func encodeBackward(input: DeviceBuffer, cotangent: DeviceBuffer, geometry: WindowGeometry,
                               gradient: DeviceBuffer) throws {
        try validate([(input, geometry.imageCount), (cotangent, geometry.pooledCount), (gradient, geometry.imageCount)],
                     geometry)
        try context.launch(backwardKernel, globalSize: [geometry.imageCount],
                           arguments: try geometry.arguments + [.buffer(input), .buffer(cotangent), .buffer(gradient)])
    }

    private func validate(_ buffers: [(DeviceBuffer, Int)], _ geometry: WindowGeometry) throws {
        guard buffers.allSatisfy({ $0.0.count >= $0.1 }) else {
            throw OpenCLError.invalidArgument(operation: "\(kind.rawValue)_pool \(geometry.window)",
                                              reason: "buffers of \(buffers.map(\.0.count)) floats, need \(buffers.map(\.1))")
        }
    }
}

enum PoolingSource {
    static let text = """
    #define PLANE_OF(index) ((index) / ((long)OH * OW))

    inline int window_argmax(__global const float* plane, int oh, int ow, \(WindowGeometry.parameterList)) {
        const int h0 = oh * SH - PH, w0 = ow * SW - PW;
        float maximum = -INFINITY;
        int best = -1;
        for (int ih = max(h0, 0); ih < min(h0 + KH, H); ih++)
            for (int iw = max(w0, 0); iw < min(w0 + KW, W); iw++)
                if (plane[ih * W + iw] > maximum) { maximum = plane[ih * W + iw]; best = ih * W + iw; }
        return best;
    }

    __kernel void max_pool_forward(\(WindowGeometry.parameterList), __global const float* input, __global float* output) {
        const long index = get_global_id(0);
        const int ow = index % OW, oh = (index / OW) % OH;
        __global const float* plane = input + PLANE_OF(index) * H * W;
        const int h0 = oh * SH - PH, w0 = ow * SW - PW;
        float maximum = -INFINITY;
        for (int ih = max(h0, 0); ih < min(h0 + KH, H); ih++)
            for (int iw = max(w0, 0); iw < min(w0 + KW, W); iw++) maximum = fmax(maximum, plane[ih * W + iw]);
        output[index] = maximum;
    }

    __kernel void average_pool_forward(\(WindowGeometry.parameterList), __global const float* input,
                                       __global float* output) {
        const long index = get_global_id(0);
        const int ow = index % OW, oh = (index / OW) % OH;
        __global const float* plane = input + PLANE_OF(index) * H * W;
        const int h0 = oh * SH - PH, w0 = ow * SW - PW;
        float total = 0.0f;
        for (int ih = max(h0, 0); ih < min(h0 + KH, H); ih++)
            for (int iw = max(w0, 0); iw < min(w0 + KW, W); iw++) total += plane[ih * W + iw];
        output[index] = total / (float)(KH * KW);
    }

    /// The output windows covering pixel (ih, iw): oh in [first, last], and likewise ow.
    #define COVERING_RANGE(i, P, K, S, O, first, last) \\
        const int first = max(0, ((i) + (P) - (K) + (S)) / (S)); \\
        const int last = min((O) - 1, ((i) + (P)) / (S));

    __kernel void max_pool_backward(\(WindowGeometry.parameterList), __global const float* input,
                                    __global const float* cotangent, __global float* gradient) {
        const long index = get_global_id(0);
        const int iw = index % W, ih = (index / W) % H;
        const long plane = index / ((long)H * W);
        __global const float* x = input + plane * H * W;
        __global const float* g = cotangent + plane * OH * OW;
        COVERING_RANGE(ih, PH, KH, SH, OH, firstH, lastH)
        COVERING_RANGE(iw, PW, KW, SW, OW, firstW, lastW)
        float total = 0.0f;
        for (int oh = firstH; oh <= lastH; oh++)
            for (int ow = firstW; ow <= lastW; ow++)
                if (window_argmax(x, oh, ow, N, C, H, W, KH, KW, SH, SW, PH, PW, OH, OW) == ih * W + iw)
                    total += g[oh * OW + ow];
        gradient[index] = total;
    }

    __kernel void average_pool_backward(\(WindowGeometry.parameterList), __global const float* input,
                                        __global const float* cotangent, __global float* gradient) {
        const long index = get_global_id(0);
        const int iw = index % W, ih = (index / W) % H;
        __global const float* g = cotangent + (index / ((long)H * W)) * OH * OW;
        COVERING_RANGE(ih, PH, KH, SH, OH, firstH, lastH)
        COVERING_RANGE(iw, PW, KW, SW, OW, firstW, lastW)
        float total = 0.0f;
        for (int oh = firstH; oh <= lastH; oh++)
            for (int ow = firstW; ow <= lastW; ow++) total += g[oh * OW + ow];
        gradient[index] = total / (float)(KH * KW);
    }
    """
}
