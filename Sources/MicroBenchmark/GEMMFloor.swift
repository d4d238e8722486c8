import TensorCore

/// The least time a step's matrix products can take here: every product the step issues (recorded from one eager
/// step through `MatrixProduct.recorder`, so convolutions' im2col products count too), each timed alone with the
/// same BLAS routine on warm buffers, summed. An engine can beat its own kernels, not this floor: the distance to
/// it is what fusion and scheduling can still win.
struct GEMMFloor {
    let calls: [MatrixProduct.Call]

    static func record(_ body: () throws -> Void) rethrows -> GEMMFloor {
        var calls: [MatrixProduct.Call] = []
        MatrixProduct.recorder = { calls.append($0) }
        defer { MatrixProduct.recorder = nil }
        try body()
        return GEMMFloor(calls: calls)
    }

    var flops: Double { calls.reduce(0) { $0 + $1.flops } }

    /// Seconds of one step's products: each distinct shape measured once, times its count.
    func seconds(measuringFor seconds: Double) -> Double {
        var counts: [MatrixProduct.Call: Int] = [:]
        for call in calls { counts[call, default: 0] += 1 }
        let perShape = max(seconds / Double(max(counts.count, 1)), 0.02)
        return counts.reduce(0) { total, entry in
            let call = entry.key
            let a = [Float](repeating: 0.5, count: max(call.m * call.k, 1))
            let b = [Float](repeating: 0.25, count: max(call.k * call.n, 1))
            var c = [Float](repeating: 0, count: max(call.m * call.n, 1))
            let lda = call.transposeA ? call.m : call.k, ldb = call.transposeB ? call.k : call.n
            let time = a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        measure(seconds: perShape) {
                            MatrixProduct.multiply(transposeA: call.transposeA, transposeB: call.transposeB, m: call.m,
                                                   n: call.n, k: call.k, a: a.baseAddress!, lda: max(lda, 1),
                                                   b: b.baseAddress!, ldb: max(ldb, 1), c: c.baseAddress!,
                                                   ldc: max(call.n, 1))
                        }
                    }
                }
            }
            if options.profile {
                let choice = MatrixProduct.measuredChoices.first { $0.call == call }.map { "\($0.choice)" } ?? "gemm"
                print(String(format: "    product %d×%d·%d (tA %@, tB %@) ×%d: %.1f µs, ", call.m, call.k, call.n,
                             "\(call.transposeA)", "\(call.transposeB)", entry.value, time * 1e6) + choice)
            }
            return total + time * Double(entry.value)
        }
    }
}
