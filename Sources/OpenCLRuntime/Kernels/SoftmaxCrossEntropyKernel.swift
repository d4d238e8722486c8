/// Mean softmax cross-entropy of logits [N, C] against labels [N] (class indices stored as floats), forward and
/// backward, matching TensorCore's `SoftmaxCrossEntropy`: the forward clamps labels into range, the backward's
/// one-hot gives out-of-range labels an all-zero row. The loss stays on the device as a one-element buffer.
public struct SoftmaxCrossEntropyKernel {
    let context: OpenCLContext
    let forwardKernel: OpenCLKernel
    let backwardKernel: OpenCLKernel
    let sum: ReductionKernel

    public init(context: OpenCLContext) throws {
        self.context = context
        let program = try context.program(source: SoftmaxCrossEntropySource.text, label: "softmax_cross_entropy")
        forwardKernel = try program.kernel("softmax_cross_entropy_rows")
        backwardKernel = try program.kernel("softmax_cross_entropy_backward")
        sum = try ReductionKernel(context: context, kind: .sum)
    }

    /// loss[0] = mean over rows of −log softmax(logits)[label]; `rowLosses` (N floats) is scratch the caller owns,
    /// so a replayed step allocates nothing.
    public func encodeForward(logits: DeviceBuffer, labels: DeviceBuffer, rows: Int, classes: Int,
                              rowLosses: DeviceBuffer, loss: DeviceBuffer) throws {
        try validate(logits: logits, labels: labels, rows: rows, classes: classes, others: [(rowLosses, rows), (loss, 1)])
        guard rows > 0 else { return try loss.fill(.nan) }
        let group = GroupReductionSource.groupSize(width: classes, device: context.device.info)
        try context.launch(forwardKernel, globalSize: [rows * group], localSize: [group], arguments: [
            try .int(classes), .buffer(logits), .buffer(labels), .buffer(rowLosses), .localBytes(group * 4),
        ])
        try sum.encode(input: rowLosses, outer: 1, reduced: rows, inner: 1, output: loss, scale: 1 / Float(rows))
    }

    /// gradient = (softmax(logits) − onehot(labels)) / N · cotangent[0].
    public func encodeBackward(logits: DeviceBuffer, labels: DeviceBuffer, rows: Int, classes: Int,
                               cotangent: DeviceBuffer, gradient: DeviceBuffer) throws {
        try validate(logits: logits, labels: labels, rows: rows, classes: classes,
                     others: [(cotangent, 1), (gradient, rows * classes)])
        guard rows > 0 else { return }
        let group = GroupReductionSource.groupSize(width: classes, device: context.device.info)
        try context.launch(backwardKernel, globalSize: [rows * group], localSize: [group], arguments: [
            try .int(classes), .buffer(logits), .buffer(labels), .buffer(cotangent), .float(1 / Float(rows)),
            .buffer(gradient), .localBytes(group * 4),
        ])
    }

    private func validate(logits: DeviceBuffer, labels: DeviceBuffer, rows: Int, classes: Int,
                          others: [(DeviceBuffer, Int)]) throws {
        let sizesFit = logits.count >= rows * classes && labels.count >= rows && others.allSatisfy { $0.0.count >= $0.1 }
        guard rows >= 0, classes > 0, sizesFit else {
            throw OpenCLError.invalidArgument(operation: "softmax_cross_entropy [\(rows), \(classes)]",
                                              reason: "needs classes > 0 and buffers of logits [N, C], labels [N], loss [1]")
        }
    }
}

enum SoftmaxCrossEntropySource {
    static let text = GroupReductionSource.text + """
    __kernel void softmax_cross_entropy_rows(const int classes, __global const float* logits, __global const float* labels,
                                             __global float* rowLosses, __local float* scratch) {
        const int row = get_group_id(0), item = get_local_id(0), items = get_local_size(0);
        __global const float* x = logits + (long)row * classes;
        float partialMax = -INFINITY;
        for (int c = item; c < classes; c += items) partialMax = fmax(partialMax, x[c]);
        const float maximum = group_max(scratch, partialMax);
        float partialSum = 0.0f;
        for (int c = item; c < classes; c += items) partialSum += exp(x[c] - maximum);
        const float total = group_sum(scratch, partialSum);
        if (item == 0) {
            const int label = clamp((int)labels[row], 0, classes - 1);
            rowLosses[row] = log(total) + maximum - x[label];
        }
    }

    __kernel void softmax_cross_entropy_backward(const int classes, __global const float* logits,
                                                 __global const float* labels, __global const float* cotangent,
                                                 const float inverseRows, __global float* gradient,
                                                 __local float* scratch) {
        const int row = get_group_id(0), item = get_local_id(0), items = get_local_size(0);
        __global const float* x = logits + (long)row * classes;
        __global float* g = gradient + (long)row * classes;
        float partialMax = -INFINITY;
        for (int c = item; c < classes; c += items) partialMax = fmax(partialMax, x[c]);
        const float maximum = group_max(scratch, partialMax);
        float partialSum = 0.0f;
        for (int c = item; c < classes; c += items) partialSum += exp(x[c] - maximum);
        const float total = group_sum(scratch, partialSum);
        const int label = (int)labels[row];
        const float upstream = cotangent[0];
        for (int c = item; c < classes; c += items) {
            const float target = c == label ? 1.0f : 0.0f;
            g[c] = ((exp(x[c] - maximum) / total - target) * inverseRows) * upstream;
        }
    }
    """
}
