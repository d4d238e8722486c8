/// Softmax or log-softmax along one axis, viewed as [outer, length, inner], matching TensorCore's `Softmax`
/// operation for operation: maximum first, then Σexp(x − max), then a multiply by 1/Σ (or a subtract of log Σ).
/// One work item per (outer, inner) walks its row in the CPU's order, so sums are not reordered; attention rows
/// are short (the sequence length), and the CE backward's rows are the class count.
public struct SoftmaxKernel {
    let context: OpenCLContext
    let kernel: OpenCLKernel

    public init(context: OpenCLContext) throws {
        self.context = context
        let program = try context.program(source: SoftmaxSource.text, label: "softmax")
        kernel = try program.kernel("softmax_axis")
    }

    public func encode(input: DeviceBuffer, outer: Int, length: Int, inner: Int, logarithmic: Bool,
                       output: DeviceBuffer) throws {
        let count = outer * length * inner
        guard outer >= 0, length > 0, inner >= 0, input.count >= count, output.count >= count else {
            throw OpenCLError.invalidArgument(operation: "softmax [\(outer), \(length), \(inner)]",
                                              reason: "needs length > 0 and buffers of \(count) floats")
        }
        try context.launch(kernel, globalSize: [inner, outer], arguments: [
            try .int(length), try .int(inner), .int32(logarithmic ? 1 : 0), .buffer(input), .buffer(output),
        ])
    }
}

enum SoftmaxSource {
    static let text = """
    #pragma OPENCL FP_CONTRACT OFF
    __kernel void softmax_axis(const int length, const int inner, const int logarithmic, __global const float* input,
                               __global float* output) {
        const int column = get_global_id(0);
        const long base = (long)get_global_id(1) * length * inner + column;
        __global const float* x = input + base;
        __global float* y = output + base;
        float maximum = -INFINITY;
        for (int index = 0; index < length; index++) maximum = fmax(maximum, x[(long)index * inner]);
        float total = 0.0f;
        for (int index = 0; index < length; index++) {
            const float shifted = x[(long)index * inner] - maximum;
            const float e = exp(shifted);
            total += e;
            y[(long)index * inner] = logarithmic ? shifted : e;
        }
        if (logarithmic) {
            const float logTotal = log(total);
            for (int index = 0; index < length; index++) y[(long)index * inner] -= logTotal;
        } else {
            const float inverse = 1.0f / total;
            for (int index = 0; index < length; index++) y[(long)index * inner] *= inverse;
        }
    }
    """
}
