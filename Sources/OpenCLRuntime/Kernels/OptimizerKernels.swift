/// The optimizer updates as one kernel per parameter, matching TensorCore's `SGD` and `Adam` arithmetic: what the
/// fused engine does in one pass over each parameter set, without materialising `g + λp`, `m/√v` and the rest.
/// Velocity and moments are device buffers the caller zero-fills once (zero velocity reproduces SGD's first step).
public struct OptimizerKernels {
    let context: OpenCLContext
    let sgdKernel: OpenCLKernel
    let adamKernel: OpenCLKernel

    public init(context: OpenCLContext) throws {
        self.context = context
        let program = try context.program(source: OptimizerSource.text, label: "optimizer_updates")
        sgdKernel = try program.kernel("sgd_update")
        adamKernel = try program.kernel("adam_update")
    }

    /// v ← μ·v + (g + λ·p); p ← p − lr·v (Nesterov: p ← p − lr·(g + λ·p + μ·v)); without momentum p ← p − lr·(g + λ·p).
    public func encodeSGD(parameter: DeviceBuffer, gradient: DeviceBuffer, velocity: DeviceBuffer, learningRate: Float,
                          momentum: Float, nesterov: Bool = false, weightDecay: Float = 0) throws {
        let count = parameter.count
        try requireCounts(count, [gradient, velocity], operation: "sgd_update")
        try context.launch(sgdKernel, globalSize: [count], arguments: [
            try .int(count), .buffer(parameter), .buffer(gradient), .buffer(velocity), .float(learningRate),
            .float(momentum), .int32(nesterov ? 1 : 0), .float(weightDecay),
        ])
    }

    /// Adam step number `step` (1-based) with bias correction; `decoupledWeightDecay` gives AdamW.
    public func encodeAdam(parameter: DeviceBuffer, gradient: DeviceBuffer, firstMoment: DeviceBuffer,
                           secondMoment: DeviceBuffer, step: Int, learningRate: Float, beta1: Float = 0.9,
                           beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0,
                           decoupledWeightDecay: Bool = false) throws {
        let count = parameter.count
        try requireCounts(count, [gradient, firstMoment, secondMoment], operation: "adam_update")
        guard step >= 1 else { throw OpenCLError.invalidArgument(operation: "adam_update", reason: "step \(step) must be ≥ 1") }
        // The same float recurrences as TensorCore's Adam, so corrections agree bit for bit.
        var power1: Float = 1, power2: Float = 1
        for _ in 0..<step { power1 *= beta1; power2 *= beta2 }
        let correction1 = 1 - power1, correction2 = 1 - power2
        try context.launch(adamKernel, globalSize: [count], arguments: [
            try .int(count), .buffer(parameter), .buffer(gradient), .buffer(firstMoment), .buffer(secondMoment),
            .float(learningRate / correction1), .float(1 / correction2), .float(beta1), .float(beta2), .float(epsilon),
            .float(weightDecay), .float(learningRate * weightDecay), .int32(decoupledWeightDecay ? 1 : 0),
        ])
    }

    private func requireCounts(_ count: Int, _ buffers: [DeviceBuffer], operation: String) throws {
        guard buffers.allSatisfy({ $0.count == count }) else {
            throw OpenCLError.invalidArgument(operation: operation,
                                              reason: "parameter of \(count) floats but state buffers of \(buffers.map(\.count))")
        }
    }
}

enum OptimizerSource {
    static let text = """
    #pragma OPENCL FP_CONTRACT OFF
    __kernel void sgd_update(const int count, __global float* parameter, __global const float* gradient,
                             __global float* velocity, const float learningRate, const float momentum,
                             const int nesterov, const float weightDecay) {
        const int index = get_global_id(0);
        if (index >= count) return;
        const float p = parameter[index];
        float g = gradient[index];
        if (weightDecay != 0.0f) g = g + p * weightDecay;
        float step = g;
        if (momentum != 0.0f) {
            const float v = velocity[index] * momentum + g;
            velocity[index] = v;
            step = nesterov ? g + v * momentum : v;
        }
        parameter[index] = p - step * learningRate;
    }

    __kernel void adam_update(const int count, __global float* parameter, __global const float* gradient,
                              __global float* firstMoment, __global float* secondMoment, const float stepSize,
                              const float inverseCorrection2, const float beta1, const float beta2, const float epsilon,
                              const float weightDecay, const float decoupledDecay, const int decoupled) {
        const int index = get_global_id(0);
        if (index >= count) return;
        float p = parameter[index];
        float g = gradient[index];
        if (weightDecay != 0.0f) {
            if (decoupled) p = p * (1.0f - decoupledDecay); else g = g + p * weightDecay;
        }
        const float m = firstMoment[index] * beta1 + g * (1.0f - beta1);
        const float v = secondMoment[index] * beta2 + (g * g) * (1.0f - beta2);
        firstMoment[index] = m;
        secondMoment[index] = v;
        const float denominator = sqrt(v * inverseCorrection2) + epsilon;
        parameter[index] = p - (m * stepSize) / denominator;
    }
    """
}
