import XCTest
import Foundation
import Measurement
import ResultStore
@testable import Reports

/// A fixed result database built by the tests (never a committed binary): one run of two engines on a
/// training task and an inference task, plus a failed case. Samples are exact binary fractions so every
/// printed number is the same on every platform. The fused engine's trials carry kernel profiles (as with
/// `"profileKernels": true`); the metric reports never read them.
enum GoldenDatabase {
    static let startedAt = Date(timeIntervalSince1970: 1_700_000_000)

    /// The fused training step's kernels in trial `trial`: one kernel's time varies by trial (median: trial 1), and
    /// a name with a comma and quotes exercises CSV quoting.
    static func trainKernels(trial: Int) -> [KernelTime] {
        [KernelTime(kernel: "softmax-cross-entropy → [64]", launchesPerStep: 1, nanosecondsPerStep: 128_000),
         KernelTime(kernel: "matmul(tA: false, tB: false)+bias+relu → [64×32]", launchesPerStep: 1,
                    nanosecondsPerStep: 512_000 + 32_000 * Double(trial)),
         KernelTime(kernel: "matmul(tA: true, tB: false) → [32×16]", launchesPerStep: 2, nanosecondsPerStep: 768_500),
         KernelTime(kernel: "fused-elementwise(\"sgd\", momentum) → [16]", launchesPerStep: 3, nanosecondsPerStep: 96_250),
         KernelTime(kernel: "reduce-sum(axes: [0]) → [32]", launchesPerStep: 1, nanosecondsPerStep: 32_000)]
    }

    /// The fused inference query's kernels; one runs every other query.
    static let inferKernels = [
        KernelTime(kernel: "matmul(tA: false, tB: false)+bias+relu → [1×32]", launchesPerStep: 1, nanosecondsPerStep: 200_000),
        KernelTime(kernel: "matmul(tA: false, tB: false)+bias → [1×3]", launchesPerStep: 1, nanosecondsPerStep: 100_000),
        KernelTime(kernel: "copy → [1×32]", launchesPerStep: 0.5, nanosecondsPerStep: 4_096),
    ]

    static func make(in store: ResultStore, slowdown: Double = 1, startedAt: Date = GoldenDatabase.startedAt) throws -> Int64 {
        let run = try store.beginRun(protocolName: "golden", protocolPath: "golden.json", protocolText: "{}",
                                     startedAt: startedAt, dlbenchCommit: "abc1234",
                                     // Golden files need a fixed UUID; one per variant, as the column is unique.
                                     uuid: String(format: "golden-%.0f-%.3f", startedAt.timeIntervalSince1970, slowdown))
        let machine = try store.recordMachine(runID: run, name: "cpu-1", fingerprint: ReportFixtures.fingerprint())
        func addCase(task: String, kind: String, engine: String, batchSize: Int?) throws -> Int64 {
            try store.addCase(NewCase(runID: run, machineID: machine, task: task, taskKind: kind, engine: engine,
                                      engineKind: engine, model: "mlp", dataset: "clusters", batchSize: batchSize,
                                      configJSON: "{}"))
        }
        for (engine, factor) in [("eager", 1.0), ("fused", 0.75)] {
            let train = try addCase(task: "train", kind: "train", engine: engine, batchSize: 64)
            let infer = try addCase(task: "infer", kind: "infer", engine: engine, batchSize: 1)
            for trial in 0..<3 {
                let steps = (0..<8).map { step in
                    MetricSample(metric: "step_time", unit: "ms",
                                 value: (2 + Double((trial * 8 + step) % 5) * 0.125) * factor * slowdown)
                }
                try store.recordTrial(caseID: train, index: trial, startedAt: startedAt, endedAt: startedAt, samples: steps + [
                    MetricSample(metric: "samples_per_second", unit: "samples/s", value: 32000 / factor + Double(trial) * 64),
                    MetricSample(metric: "peak_live_bytes", unit: "bytes", value: engine == "eager" ? 1_048_576 : 786_432),
                ], kernelTimes: engine == "fused" ? trainKernels(trial: trial) : [])
                let latencies = (0..<10).map { query in
                    MetricSample(metric: "latency", unit: "ms", value: (0.5 + Double((trial * 10 + query) % 8) * 0.0625) * factor)
                }
                try store.recordTrial(caseID: infer, index: trial, startedAt: startedAt, endedAt: startedAt, samples: latencies,
                                      kernelTimes: engine == "fused" ? inferKernels : [])
            }
            try store.finishCase(caseID: train, status: .succeeded, message: nil)
            try store.finishCase(caseID: infer, status: .succeeded, message: nil)
        }
        let failed = try addCase(task: "train", kind: "train", engine: "opencl", batchSize: 64)
        try store.finishCase(caseID: failed, status: .failed, message: "no OpenCL device | found")
        try store.finishRun(runID: run, status: .completed, endedAt: startedAt.addingTimeInterval(12.5))
        return run
    }

    static func selection() throws -> ReportSelection {
        let store = try ResultStore.inMemory()
        let run = try make(in: store)
        return try ReportSelection.load(from: store, runIDs: [run])
    }
}

/// Compares `actual` with Tests/ReportsTests/Golden/`name`; with DLBENCH_RECORD_GOLDEN=1 in the
/// environment it (re)writes the file instead, for reviewing changes in a diff.
func assertMatchesGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    if ProcessInfo.processInfo.environment["DLBENCH_RECORD_GOLDEN"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    if actual != expected {
        let actualLines = actual.components(separatedBy: "\n")
        let expectedLines = expected.components(separatedBy: "\n")
        let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
        XCTFail("\(name) differs from its golden file at line \((first?.offset ?? min(actualLines.count, expectedLines.count)) + 1): "
                + "\(first.map { "got '\($0.element.0)', expected '\($0.element.1)'" } ?? "different length") "
                + "(rerun with DLBENCH_RECORD_GOLDEN=1 to accept)", file: file, line: line)
    }
}
