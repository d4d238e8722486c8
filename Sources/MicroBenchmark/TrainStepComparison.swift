import Engines
import TensorCore

/// Training steps of one workload on every CPU engine, side by side in rounds, beside the step's GEMM floor.
func trainStep(_ name: String, model makeModel: () throws -> any Layer, optimizer makeOptimizer: () -> any Optimizer,
               inputs: Tensor, labels: Tensor, flops: Double) throws {
    guard selected(name) else { return }
    let all: [(String, any Engine)] = [
        ("eager", EagerEngine(model: try makeModel(), optimizer: makeOptimizer())),
        ("traced", try GraphEngine(name: "traced", model: try makeModel(), optimizer: makeOptimizer(),
                                   passes: FusionOptions.none.passes, profilesKernels: options.profile)),
        ("fused", try GraphEngine(name: "fused", model: try makeModel(), optimizer: makeOptimizer(),
                                  passes: FusionOptions.all.passes, profilesKernels: options.profile)),
    ]
    let engines = all.filter { options.engines.isEmpty || options.engines.contains($0.0) }
    let reference = EagerEngine(model: try makeModel(), optimizer: makeOptimizer())
    _ = try reference.trainStep(inputs: inputs, labels: labels)
    let gemmFloor = try GEMMFloor.record { _ = try reference.trainStep(inputs: inputs, labels: labels) }
    let floorSeconds = gemmFloor.seconds(measuringFor: options.seconds)
    let roundTripBefore = Parallelism.roundTripNanoseconds()
    var medians = [Double](repeating: 0, count: engines.count)
    var rounds: [[Double]] = Array(repeating: [], count: engines.count)
    for _ in 0..<5 {
        for (index, engine) in engines.enumerated() {
            rounds[index].append(try measure(seconds: 0.4 * options.seconds, warmup: 3) {
                _ = try engine.1.trainStep(inputs: inputs, labels: labels)
            })
        }
    }
    for index in engines.indices {
        medians[index] = rounds[index].sorted()[rounds[index].count / 2]
        let ratio = medians[0] / medians[index]
        report("\(name) \(engines[index].0)", seconds: medians[index], flops: flops)
        if index > 0 && engines[0].0 == "eager" { print("    speed-up over eager: \(String(format: "%.2f", ratio))×") }
        print(String(format: "    %.2f× the GEMM floor", medians[index] / floorSeconds))
        if let profile = try engines[index].1.takeKernelProfile() { printProfile(profile) }
    }
    printRoundTrips(before: roundTripBefore, after: Parallelism.roundTripNanoseconds())
    report("\(name.prefix { $0 != " " }) GEMM floor (\(gemmFloor.calls.count) products)", seconds: floorSeconds,
           flops: gemmFloor.flops)
}

/// The kernels taking the most time, with their share of the profiled total.
func printProfile(_ profile: KernelProfile) {
    let total = Double(max(profile.totalNanoseconds, 1))
    let launches = profile.entries.reduce(0) { $0 + $1.launches }
    let gemm = profile.entries.filter { $0.kernel.hasPrefix("matmul") }.reduce(UInt64(0)) { $0 + $1.nanoseconds }
    print(String(format: "    profiled: %d launches, GEMM %.1f%% of kernel time", launches, Double(gemm) / total * 100))
    for entry in profile.entries.sorted(by: { $0.nanoseconds > $1.nanoseconds }).prefix(40) {
        let share = Double(entry.nanoseconds) / total * 100
        let perLaunch = Double(entry.nanoseconds) / Double(max(entry.launches, 1)) / 1e3
        print(String(format: "    %5.1f%% %9.1f µs/launch  ", share, perLaunch) + entry.kernel.prefix(100))
    }
}

/// The pool's cache-line round trip around a workload's rounds (at N > 1 threads): when the host has put the vCPUs
/// far apart (hundreds of ns instead of tens) a 2-thread step can take as long as one thread's, or longer.
func printRoundTrips(before: Double?, after: Double?) {
    guard Parallelism.threadCount > 1 else { return }
    let text = { (value: Double?) in value.map { String(format: "%.0f ns", $0) } ?? "no answer" }
    print("    pool round trip (cache line, caller ↔ worker): \(text(before)) before, \(text(after)) after")
}
