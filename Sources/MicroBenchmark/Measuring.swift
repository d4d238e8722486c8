import Dispatch
import TensorCore

/// Median seconds of one call of `body`, after `warmup` calls, over about `seconds` of repetitions (at least 5).
func measure(seconds: Double, warmup: Int = 2, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<warmup { try body() }
    var samples: [Double] = []
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    repeat {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    } while samples.count < 5 || DispatchTime.now().uptimeNanoseconds < deadline
    samples.sort()
    return samples[samples.count / 2]
}

func selected(_ name: String) -> Bool {
    options.only.isEmpty || options.only.contains { name.lowercased().contains($0) }
}

func report(_ name: String, seconds: Double, flops: Double) {
    let time = seconds >= 1e-3 ? String(format: "%9.3f ms", seconds * 1e3) : String(format: "%9.1f µs", seconds * 1e6)
    let padded = name.count >= 44 ? name : name.padding(toLength: 44, withPad: " ", startingAt: 0)
    print("\(padded) \(time)   \(String(format: "%7.1f", flops / seconds / 1e9)) GFLOP/s")
}

func randomTensor(_ shape: Shape, seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    return Tensor.normal(shape, generator: &generator)
}

func labels(_ count: Int, classes: Int, seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    return Tensor(shape: [count], values: (0..<count).map { _ in Float(generator.next() % UInt64(classes)) })
}
