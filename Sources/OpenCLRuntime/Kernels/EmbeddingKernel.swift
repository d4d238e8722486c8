/// Embedding row gather and its gradient, matching TensorCore's `EmbeddingLookup` / `EmbeddingScatterAdd` (ids
/// stored as floats; an id outside 0..<V reads a zero row and contributes no gradient). The scatter-add gives
/// each work item one column and walks the ids in order: no float atomics (absent from OpenCL 1.2), and the
/// sums come out in the CPU engines' order, so results are deterministic.
public struct EmbeddingKernel {
    let context: OpenCLContext
    let gatherKernel: OpenCLKernel
    let scatterKernel: OpenCLKernel

    public init(context: OpenCLContext) throws {
        self.context = context
        let program = try context.program(source: EmbeddingSource.text, label: "embedding")
        gatherKernel = try program.kernel("embedding_gather")
        scatterKernel = try program.kernel("embedding_scatter_add")
    }

    /// output[row, :] = table[ids[row], :] for `rows` ids over a [vocabulary, width] table.
    public func encodeGather(table: DeviceBuffer, ids: DeviceBuffer, rows: Int, vocabulary: Int, width: Int,
                             output: DeviceBuffer) throws {
        try validate(table: table, ids: ids, rows: rows, vocabulary: vocabulary, width: width, rowsBuffer: output)
        try context.launch(gatherKernel, globalSize: [width, rows], arguments: [
            try .int(vocabulary), try .int(width), .buffer(table), .buffer(ids), .buffer(output),
        ])
    }

    /// tableGradient[v, :] = Σ over rows with ids[row] == v of cotangent[row, :] (overwrites the whole table).
    public func encodeScatterAdd(ids: DeviceBuffer, cotangent: DeviceBuffer, rows: Int, vocabulary: Int, width: Int,
                                 tableGradient: DeviceBuffer) throws {
        try validate(table: tableGradient, ids: ids, rows: rows, vocabulary: vocabulary, width: width, rowsBuffer: cotangent)
        try context.launch(scatterKernel, globalSize: [width], arguments: [
            try .int(rows), try .int(vocabulary), try .int(width), .buffer(ids), .buffer(cotangent), .buffer(tableGradient),
        ])
    }

    private func validate(table: DeviceBuffer, ids: DeviceBuffer, rows: Int, vocabulary: Int, width: Int,
                          rowsBuffer: DeviceBuffer) throws {
        guard rows >= 0, vocabulary >= 0, width > 0, table.count >= vocabulary * width, ids.count >= rows,
              rowsBuffer.count >= rows * width else {
            throw OpenCLError.invalidArgument(operation: "embedding [V \(vocabulary), D \(width)] × \(rows) ids",
                                              reason: "buffers are smaller than table [V, D], ids [N] and rows [N, D]")
        }
    }
}

enum EmbeddingSource {
    static let text = """
    __kernel void embedding_gather(const int vocabulary, const int width, __global const float* table,
                                   __global const float* ids, __global float* output) {
        const int column = get_global_id(0);
        const long row = get_global_id(1);
        const float id = ids[row];
        const int valid = id >= 0.0f && id < (float)vocabulary;
        output[row * width + column] = valid ? table[(long)id * width + column] : 0.0f;
    }

    __kernel void embedding_scatter_add(const int rows, const int vocabulary, const int width,
                                        __global const float* ids, __global const float* cotangent,
                                        __global float* tableGradient) {
        const int column = get_global_id(0);
        for (int v = 0; v < vocabulary; v++) tableGradient[(long)v * width + column] = 0.0f;
        for (int row = 0; row < rows; row++) {
            const float id = ids[row];
            if (id >= 0.0f && id < (float)vocabulary) {
                tableGradient[(long)id * width + column] += cotangent[(long)row * width + column];
            }
        }
    }
    """
}
