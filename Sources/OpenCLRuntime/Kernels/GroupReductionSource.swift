/// Work-group tree reductions shared by the row-wise kernels (reductions, softmax cross-entropy, layer norm).
/// Each work-group owns one row; its items (a power of two; the launch picks it) stride across the row and
/// combine partial results in local memory, which works for any width on a GPU and for PoCL alike.
enum GroupReductionSource {
    static let text = """
    inline float group_sum(__local float* scratch, float value) {
        const int item = get_local_id(0);
        scratch[item] = value;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int offset = (int)get_local_size(0) / 2; offset > 0; offset >>= 1) {
            if (item < offset) scratch[item] += scratch[item + offset];
            barrier(CLK_LOCAL_MEM_FENCE);
        }
        const float result = scratch[0];
        barrier(CLK_LOCAL_MEM_FENCE);
        return result;
    }

    inline float group_max(__local float* scratch, float value) {
        const int item = get_local_id(0);
        scratch[item] = value;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int offset = (int)get_local_size(0) / 2; offset > 0; offset >>= 1) {
            if (item < offset) scratch[item] = fmax(scratch[item], scratch[item + offset]);
            barrier(CLK_LOCAL_MEM_FENCE);
        }
        const float result = scratch[0];
        barrier(CLK_LOCAL_MEM_FENCE);
        return result;
    }

    """

    /// The group size for rows of `width` on `device`: enough items to cover the row, at most 256 on a GPU;
    /// a CPU device gets few items, since PoCL runs a work-group's items as loop iterations on one core.
    static func groupSize(width: Int, device: OpenCLDeviceDescription) -> Int {
        let limit = device.isGPU ? Swift.min(256, Swift.max(device.maxWorkGroupSize, 1)) : 16
        var size = 1
        while size < width && size < limit { size *= 2 }
        return size
    }
}
