import CBLAS
import Engines
import Models
import TensorCore

/// W2's batch-1 question, by path: each layer's 1×K · K×N product as `cblas_sgemm` (what every engine ran before
/// the shape-aware choice), as `cblas_sgemv` (both whole, on one thread), at N > 1 threads GEMM and GEMV split
/// over the pool, and through the `matmul` op (with the path it measured and chose);
/// then the whole 784-256-256-10 forward pass on every CPU engine at batch 1 and 64, side by side in rounds.
func batchOneInference() throws {
    guard selected("gemv vs gemm") || selected("w2") else { return }
    for (k, n) in [(784, 256), (256, 256), (256, 10)] {
        let flops = 2.0 * Double(k * n)
        let x = randomTensor([1, k], seed: 51), w = randomTensor([k, n], seed: 52), y = Tensor.zeros([1, n])
        let px = x.storage!.pointer, pw = w.storage!.pointer, py = y.storage!.pointer
        let gemm = measure(seconds: options.seconds) {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 1, Int32(n), Int32(k), 1, px, Int32(k), pw, Int32(n),
                        0, py, Int32(n))
        }
        let gemv = measure(seconds: options.seconds) {
            cblas_sgemv(CblasRowMajor, CblasTrans, Int32(k), Int32(n), 1, pw, Int32(n), px, 1, 0, py, 1)
        }
        let op = try measure(seconds: options.seconds) { _ = try ExecutionContext.withoutGradients { try x.matmul(w) } }
        report("cblas_sgemm 1×\(k) · \(k)×\(n)", seconds: gemm, flops: flops)
        report("cblas_sgemv 1×\(k) · \(k)×\(n)", seconds: gemv, flops: flops)
        if Parallelism.threadCount > 1 {
            // The split candidates, forced (the two lines above are the whole ones, on one thread).
            for (policy, routine) in [(MatrixProduct.Policy.alwaysGEMM, MatrixProduct.Routine.gemm), (.alwaysGEMV, .gemvOverB)]
            where MatrixProduct.splitParts(for: routine, m: 1, n: n, k: k, threads: Parallelism.threadCount) > 1 {
                let name = routine == .gemm ? "gemm" : "gemv"
                MatrixProduct.policy = policy
                let split = try measure(seconds: options.seconds) {
                    _ = try ExecutionContext.withoutGradients { try x.matmul(w) }
                }
                MatrixProduct.policy = .measured
                report("\(name) split over \(Parallelism.threadCount) threads 1×\(k) · \(k)×\(n)", seconds: split, flops: flops)
            }
        }
        let choice = MatrixProduct.measuredChoices.first { $0.call.m == 1 && $0.call.k == k && $0.call.n == n }
        report("matmul op   1×\(k) · \(k)×\(n) (\(choice.map { "\($0.choice)" } ?? "?"))", seconds: op, flops: flops)
    }
    for batch in [1, 64] {
        let make = { MLP.make(inputs: 784, hidden: [256, 256], outputs: 10, activation: .relu, seed: 1) }
        let engines: [(String, any Engine)] = [
            ("eager", EagerEngine(model: make(), optimizer: SGD(learningRate: 0))),
            ("traced", try GraphEngine(name: "traced", model: make(), optimizer: SGD(learningRate: 0),
                                       passes: FusionOptions.none.passes)),
            ("fused", try GraphEngine(name: "fused", model: make(), optimizer: SGD(learningRate: 0),
                                      passes: FusionOptions.all.passes)),
        ].filter { options.engines.isEmpty || options.engines.contains($0.0) }
        let inputs = randomTensor([batch, 784], seed: 53)
        let flops = 2.0 * Double(batch * (784 * 256 + 256 * 256 + 256 * 10))
        var rounds: [[Double]] = Array(repeating: [], count: engines.count)
        for _ in 0..<5 {
            for (index, engine) in engines.enumerated() {
                rounds[index].append(try measure(seconds: 0.4 * options.seconds, warmup: 20) {
                    _ = try engine.1.infer(inputs: inputs)
                })
            }
        }
        for (index, engine) in engines.enumerated() {
            report("W2 MLP forward b\(batch) \(engine.0)", seconds: rounds[index].sorted()[2], flops: flops)
        }
    }
}
