/// Labels [N] (class indices stored as floats) → one-hot rows [N, classes], matching TensorCore's `OneHot`: a label
/// outside 0..<classes gives an all-zero row. The softmax cross-entropy gradient needs it every training step.
public struct OneHotKernel {
    let context: OpenCLContext
    let kernel: OpenCLKernel

    public init(context: OpenCLContext) throws {
        self.context = context
        let program = try context.program(source: OneHotSource.text, label: "one_hot")
        kernel = try program.kernel("one_hot")
    }

    public func encode(labels: DeviceBuffer, rows: Int, classes: Int, output: DeviceBuffer) throws {
        guard rows >= 0, classes > 0, labels.count >= rows, output.count >= rows * classes else {
            throw OpenCLError.invalidArgument(operation: "one_hot [\(rows), \(classes)]",
                                              reason: "needs classes > 0, labels [N] and an output of N × classes floats")
        }
        try context.launch(kernel, globalSize: [classes, rows], arguments: [
            try .int(classes), .buffer(labels), .buffer(output),
        ])
    }
}

enum OneHotSource {
    static let text = """
    __kernel void one_hot(const int classes, __global const float* labels, __global float* output) {
        const int column = get_global_id(0), row = get_global_id(1);
        const int label = (int)labels[row];
        output[(long)row * classes + column] = label == column ? 1.0f : 0.0f;
    }
    """
}
