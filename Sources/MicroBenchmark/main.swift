// dlbench-microbench: GFLOP/s of raw cblas_sgemm beside the engine's matmul and conv2d ops, GEMV against GEMM at
// batch 1 (W2), and the training steps of the PEERS reference workloads (W1 MLP, W3 CNN, W4 transformer) on every
// CPU engine beside each step's GEMM floor. Build with
//     swift build -c release --product dlbench-microbench
// and run `.build/release/dlbench-microbench [--threads N] [--seconds S]`. Each measurement repeats its body for
// about S seconds (default 0.5) after a warm-up and reports the median time of one call.
import CBLAS
import Dispatch
import Engines
import Foundation
import Models
import TensorCore

let options = Options(CommandLine.arguments)
Parallelism.setThreadCount(options.threads)
if let blasThreads = options.blasThreads { openblas_set_num_threads(Int32(blasThreads)) }
print("dlbench-microbench: \(options.threads) thread(s), ~\(options.seconds) s per measurement, float32")
print(String(repeating: "-", count: 76))

// 1. GEMM: raw BLAS, then the engine's MatMul op (adds a pooled output buffer and op dispatch).
for (m, k, n) in [(128, 784, 256), (512, 512, 512)] where selected("gemm matmul") || selected("sgemm") {
    let flops = 2.0 * Double(m * n * k)
    let a = randomTensor([m, k], seed: 1), b = randomTensor([k, n], seed: 2)
    let c = Tensor.zeros([m, n])
    let pa = a.storage!.pointer, pb = b.storage!.pointer, pc = c.storage!.pointer
    let raw = measure(seconds: options.seconds) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, pa, Int32(k), pb,
                    Int32(n), 0, pc, Int32(n))
    }
    report("cblas_sgemm \(m)×\(k) · \(k)×\(n)", seconds: raw, flops: flops)
    let op = try measure(seconds: options.seconds) {
        _ = try ExecutionContext.withoutGradients { try a.matmul(b) }
    }
    report("matmul op   \(m)×\(k) · \(k)×\(n)", seconds: op, flops: flops)
}

// Batch 1: GEMV against GEMM per layer, and W2's forward pass per engine.
try batchOneInference()

// 2. Convolutions of W3 at batch 64 ("same" padding), forward only and forward + backward.
for (name, input, weight) in [("conv2d W3.1 64×1×28×28 ⊛ 8×1×3×3", Shape([64, 1, 28, 28]), Shape([8, 1, 3, 3])),
                              ("conv2d W3.2 64×8×14×14 ⊛ 16×8×3×3", Shape([64, 8, 14, 14]), Shape([16, 8, 3, 3]))]
    where selected(name) {
    let x = randomTensor(input, seed: 3), w = randomTensor(weight, seed: 4).asLeaf(), bias = Tensor.zeros([weight[0]]).asLeaf()
    let flops = 2.0 * Double(input[0] * weight[0] * input[2] * input[3] * weight[1] * weight[2] * weight[3])
    let forward = try measure(seconds: options.seconds) {
        _ = try ExecutionContext.withoutGradients { try x.conv2d(w, bias: bias, padding: 1) }
    }
    report(name + " fwd", seconds: forward, flops: flops)
    let both = try measure(seconds: options.seconds) {
        let y = try x.conv2d(w, bias: bias, padding: 1)
        _ = try Gradients.of(y, withRespectTo: [w, bias])
    }
    // Backward without the input gradient (x is data): weight gradient GEMM only, ≈ 2× forward in total.
    report(name + " fwd+bwd(w)", seconds: both, flops: 2 * flops)
}

// Pooling of W3's first block (memory-bound: reported as GB/s-equivalent GFLOP/s of one op per input element).
if selected("maxpool") {
    let x = randomTensor([64, 8, 28, 28], seed: 11).asLeaf()
    let forward = try measure(seconds: options.seconds) {
        _ = try ExecutionContext.withoutGradients { try x.maxPool2d(kernel: 2) }
    }
    report("maxpool2d 2×2 64×8×28×28 fwd", seconds: forward, flops: Double(x.elementCount))
    let y = try x.maxPool2d(kernel: 2)
    let g = Tensor.filled(y.shape, value: 1)
    let backward = try measure(seconds: options.seconds) {
        _ = try Tensor.apply(MaxPooling2DBackward(Window2D(kernel: 2, stride: 2)), [x, g])
    }
    report("maxpool2d 2×2 64×8×28×28 bwd", seconds: backward, flops: Double(x.elementCount))
}

// Row kernels of W4's attention: softmax over 64-wide rows (exp-bound) and layer norm over 64-wide rows.
if selected("softmax") || selected("layer norm") {
    let scores = randomTensor([32, 2, 64, 64], seed: 31)
    let softmax = try measure(seconds: options.seconds) {
        _ = try ExecutionContext.withoutGradients { try scores.softmax(axis: -1) }
    }
    report("softmax 32×2×64×64 (last axis)", seconds: softmax, flops: 4.0 * Double(scores.elementCount))
    let activations = randomTensor([32, 64, 64], seed: 32)
    let norm = try measure(seconds: options.seconds) {
        _ = try Tensor.apply(LayerNormalization(), [activations])
    }
    report("layer norm 32×64×64 fwd", seconds: norm, flops: 5.0 * Double(activations.elementCount))
}

// GELU backward of W4's feed-forward layer: g · gelu'(x) over 32×64×256, as two kernels and as one fused kernel.
if selected("gelu backward") {
    let x = randomTensor([32, 64, 256], seed: 41), g = randomTensor([32, 64, 256], seed: 42)
    let separate = try measure(seconds: options.seconds) {
        try ExecutionContext.withoutGradients { _ = try g * x.map(.geluTanhDerivative) }
    }
    report("GELU backward 32×64×256, 2 kernels", seconds: separate, flops: 30.0 * Double(x.elementCount))
    let program = ElementwiseProgram(instructions: [.load(input: 0), .unary(.geluTanhDerivative, 0), .load(input: 1),
                                                    .binary(.multiply, 2, 1)], outputs: [3])
    let fused = FusedElementwise(program: program, shape: x.shape, inputShapes: [x.shape, g.shape])
    let one = try measure(seconds: options.seconds) { _ = try Tensor.apply(fused, [x, g]) }
    report("GELU backward 32×64×256, 1 fused kernel", seconds: one, flops: 30.0 * Double(x.elementCount))
}

// Elementwise fusion in isolation: SGD-with-momentum update of W1's first weight (784×256) as four kernels
// (what eager and traced run) against one fused kernel writing the new parameter and velocity.
if selected("sgd update") {
    let count = 784 * 256
    let p = randomTensor([784, 256], seed: 21), v = randomTensor([784, 256], seed: 22), g = randomTensor([784, 256], seed: 23)
    let separate = try measure(seconds: options.seconds) {
        try ExecutionContext.withoutGradients {
            let velocity = try v * 0.9 + g
            _ = try p - velocity * 0.01
        }
    }
    report("SGD update 784×256, 4 kernels", seconds: separate, flops: 4.0 * Double(count))
    let program = ElementwiseProgram(instructions: [.load(input: 0), .unary(.scale(0.9), 0), .load(input: 1),
                                                    .binary(.add, 1, 2), .unary(.scale(0.01), 3), .load(input: 2),
                                                    .binary(.subtract, 5, 4)], outputs: [6, 3])
    let fused = FusedElementwise(program: program, shape: [784, 256], inputShapes: [[784, 256], [784, 256], [784, 256]])
    let output = Tensor.zeros([784, 256]), velocityOut = Tensor.zeros([784, 256])
    let inputs = [v, g, p].map { UnsafePointer($0.storage!.pointer) }
    let one = try measure(seconds: options.seconds) {
        fused.execute(KernelArguments(inputs: inputs, inputShapes: [[784, 256], [784, 256], [784, 256]],
                                      output: output.storage!.pointer, outputShape: [784, 256],
                                      additionalOutputs: [velocityOut.storage!.pointer]))
    }
    report("SGD update 784×256, 1 fused kernel", seconds: one, flops: 4.0 * Double(count))
}

// 3. Training steps of the reference workloads on every CPU engine, measured side by side: engines take turns in
//    rounds, so drift of this shared machine hits them alike. FLOPs count the GEMM/conv work a framework must do:
//    forward, plus the weight gradients and the input gradients of every layer except the first.
print(String(repeating: "-", count: 76))
do {
    let batch = 128
    let forward = 2.0 * Double(batch * (784 * 256 + 256 * 256 + 256 * 10))
    let firstInputGradient = 2.0 * Double(batch * 784 * 256)
    try trainStep("W1 MLP train step (b128, SGD m0.9)",
                  model: { MLP.make(inputs: 784, hidden: [256, 256], outputs: 10, activation: .relu, seed: 1) },
                  optimizer: { SGD(learningRate: 0.01, momentum: 0.9) }, inputs: randomTensor([batch, 784], seed: 5),
                  labels: labels(batch, classes: 10, seed: 6), flops: 3 * forward - firstInputGradient)
}

do {
    let batch = 64
    let conv1 = 2.0 * Double(batch * 8 * 28 * 28 * 9), conv2 = 2.0 * Double(batch * 16 * 14 * 14 * 72)
    let linear = 2.0 * Double(batch * 784 * 10)
    try trainStep("W3 CNN train step (b64, SGD)",
                  model: { try CNN.make(inputShape: [1, 28, 28], convolutions: [(8, 3), (16, 3)], pool: 2, classes: 10, seed: 2) },
                  optimizer: { SGD(learningRate: 0.01) },
                  inputs: randomTensor([batch, 1, 28, 28], seed: 7), labels: labels(batch, classes: 10, seed: 8),
                  flops: 3 * (conv1 + conv2 + linear) - conv1)
}

do {
    let (batch, length, width, heads, layers, feedForward) = (32, 64, 64, 2, 2, 256)
    let tokens = Double(batch * length)
    let perLayer = 2 * tokens * Double(width * 3 * width) + 2 * tokens * Double(width * width)
        + 2 * 2 * Double(batch * heads * length * length * (width / heads)) + 2 * 2 * tokens * Double(width * feedForward)
    let forward = Double(layers) * perLayer + 2.0 * Double(batch * width * 2)
    var generator = SeededGenerator(seed: 9)
    let ids = Tensor(shape: [batch, length], values: (0..<(batch * length)).map { _ in Float(generator.next() % 1000) })
    try trainStep("W4 transformer train step (b32, Adam)",
                  model: {
                      try Transformer.make(vocabulary: 1000, sequenceLength: length, modelWidth: width, heads: heads,
                                           layers: layers, feedForwardWidth: feedForward, classes: 2, seed: 3)
                  },
                  optimizer: { Adam(learningRate: 1e-3) },
                  inputs: ids, labels: labels(batch, classes: 2, seed: 10), flops: 3 * forward)
}

let memory = BufferPool.shared.snapshot
print(String(repeating: "-", count: 76))
print("buffer pool: \(memory.allocations) allocations, \(memory.poolHits) pool hits of \(memory.requests) requests, "
      + "peak live \(memory.peakLiveBytes / 1_048_576) MiB")
