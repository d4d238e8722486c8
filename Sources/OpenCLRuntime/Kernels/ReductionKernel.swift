import TensorCore

/// Sum or maximum over a contiguous run of axes, viewed as [outer, reduced, inner] → [outer, inner], times
/// `scale` (1/n gives a mean). Rows (inner = 1) use a work-group per row on a GPU; leading axes (and rows on a
/// CPU device) use one work item per output walking the reduced axis, which reads coalesced across `inner`.
public struct ReductionKernel {
    public enum Kind: String, Sendable { case sum, max }
    public enum Strategy: Sendable { case automatic, workGroupPerRow, itemPerOutput }

    public let kind: Kind
    let context: OpenCLContext
    let rowKernel: OpenCLKernel
    let axisKernel: OpenCLKernel

    public init(context: OpenCLContext, kind: Kind) throws {
        self.kind = kind
        self.context = context
        let program = try context.program(source: ReductionSource.text, options: "-D REDUCE_MAX=\(kind == .max ? 1 : 0)",
                                          label: "reduce_\(kind.rawValue)")
        rowKernel = try program.kernel("reduce_rows")
        axisKernel = try program.kernel("reduce_axis")
    }

    /// Reduces `axes` (which must be contiguous, e.g. the last axis or the leading ones) of `shape`.
    public func encode(input: DeviceBuffer, shape: Shape, axes: [Int], output: DeviceBuffer, scale: Float = 1,
                       strategy: Strategy = .automatic) throws {
        let resolved = try axes.map { try shape.normalizedAxis($0, op: "reduce_\(kind.rawValue)") }.sorted()
        guard let first = resolved.first, let last = resolved.last, last - first + 1 == resolved.count,
              Set(resolved).count == resolved.count else {
            throw OpenCLError.invalidArgument(operation: "reduce_\(kind.rawValue) \(shape)",
                                              reason: "axes \(axes) are not one contiguous run; permute first")
        }
        let outer = shape.dimensions[..<first].reduce(1, *)
        let reduced = shape.dimensions[first...last].reduce(1, *)
        let inner = shape.dimensions[(last + 1)...].reduce(1, *)
        try encode(input: input, outer: outer, reduced: reduced, inner: inner, output: output, scale: scale, strategy: strategy)
    }

    public func encode(input: DeviceBuffer, outer: Int, reduced: Int, inner: Int, output: DeviceBuffer, scale: Float = 1,
                       strategy: Strategy = .automatic) throws {
        guard input.count >= outer * reduced * inner, output.count >= outer * inner, reduced > 0 else {
            throw OpenCLError.invalidArgument(operation: "reduce_\(kind.rawValue) [\(outer), \(reduced), \(inner)]",
                                              reason: "input of \(input.count) or output of \(output.count) floats is too small")
        }
        let useRows: Bool
        switch strategy {
        case .automatic: useRows = inner == 1 && context.device.info.isGPU
        case .workGroupPerRow: useRows = inner == 1
        case .itemPerOutput: useRows = false
        }
        if useRows {
            let group = GroupReductionSource.groupSize(width: reduced, device: context.device.info)
            try context.launch(rowKernel, globalSize: [outer * group], localSize: [group], arguments: [
                try .int(reduced), .buffer(input), .buffer(output), .float(scale), .localBytes(group * 4),
            ])
        } else {
            try context.launch(axisKernel, globalSize: [inner, outer], arguments: [
                try .int(reduced), try .int(inner), .buffer(input), .buffer(output), .float(scale),
            ])
        }
    }
}

enum ReductionSource {
    static let text = GroupReductionSource.text + """
    #if REDUCE_MAX
    #define IDENTITY (-INFINITY)
    #define COMBINE(a, b) fmax(a, b)
    #define GROUP_COMBINE group_max
    #else
    #define IDENTITY 0.0f
    #define COMBINE(a, b) ((a) + (b))
    #define GROUP_COMBINE group_sum
    #endif

    __kernel void reduce_rows(const int width, __global const float* input, __global float* output, const float scale,
                              __local float* scratch) {
        const int row = get_group_id(0), item = get_local_id(0), items = get_local_size(0);
        __global const float* x = input + (long)row * width;
        float partial = IDENTITY;
        for (int column = item; column < width; column += items) partial = COMBINE(partial, x[column]);
        const float total = GROUP_COMBINE(scratch, partial);
        if (item == 0) output[row] = total * scale;
    }

    __kernel void reduce_axis(const int reduced, const int inner, __global const float* input, __global float* output,
                              const float scale) {
        const int column = get_global_id(0), block = get_global_id(1);
        __global const float* x = input + (long)block * reduced * inner + column;
        float total = IDENTITY;
        for (int index = 0; index < reduced; index++) total = COMBINE(total, x[(long)index * inner]);
        output[(long)block * inner + column] = total * scale;
    }
    """
}
