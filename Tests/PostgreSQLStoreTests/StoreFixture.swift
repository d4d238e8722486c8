import Foundation
import Measurement
import ResultStore

/// Rows that use every table, written through the store's public API.
enum StoreFixture {
    static func fingerprint() -> EnvironmentFingerprint {
        EnvironmentFingerprint(
            cpuModel: "Test CPU", cpuFlags: ["avx2"], logicalCores: 2, memoryBytes: 1 << 40, osName: "Test OS",
            kernel: "Linux 6.0 x86_64", swiftVersion: "6.3", openBLASConfig: "OpenBLAS test", openBLASCore: "Haswell",
            threads: 2, openCLDevices: [], gitCommit: "deadbeef", gitDirty: true,
            environmentVariables: [:], loadAverage1m: 0.25)
    }

    static func newCase(runID: Int64, machineID: Int64) -> NewCase {
        NewCase(runID: runID, machineID: machineID, task: "mnist-train", taskKind: "train", engine: "eager",
                engineKind: "eager", model: "mlp", dataset: "mnist", batchSize: nil, configJSON: "{}")
    }

    /// A run with a machine, a case, two trials (one sample NaN) with kernel profiles, trial order, a warning,
    /// measurement facts with the largest seed, and an A/B pair with a second run. Returns the first run's id.
    static func recordFullRun(_ store: ResultStore) throws -> Int64 {
        let run = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "{}",
                                     startedAt: Date(timeIntervalSince1970: 1_700_000_000), dlbenchCommit: "abc")
        let machine = try store.recordMachine(runID: run, name: "m", fingerprint: fingerprint())
        let caseID = try store.addCase(newCase(runID: run, machineID: machine))
        try store.markCaseRunning(caseID: caseID)
        for trial in 0..<2 {
            try store.recordTrial(caseID: caseID, index: trial, startedAt: Date(), endedAt: Date(),
                                  samples: [MetricSample(metric: "step_time", unit: "s", value: trial == 0 ? 0.01 : .nan)],
                                  kernelTimes: [KernelTime(kernel: "matmul", launchesPerStep: 1, nanosecondsPerStep: 100)])
        }
        try store.recordTrialOrder(runID: run, round: 0, caseIDs: [caseID])
        try store.recordWarning(runID: run, StoredWarning(caseID: caseID, kind: "noise", message: "CV high"))
        try store.recordMeasurement(runID: run, RunMeasurement(orderSeed: .max, harnessOverheadNanoseconds: 12.5,
                                                               isolation: "process", stoppingReason: "maxTrials"))
        try store.finishCase(caseID: caseID, status: .succeeded, message: nil)
        try store.finishRun(runID: run, status: .completed, endedAt: Date(timeIntervalSince1970: 1_700_000_010))
        let baseline = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "{}",
                                          startedAt: Date(timeIntervalSince1970: 1_700_000_001), dlbenchCommit: nil)
        try store.recordPair(RunPair(baselineRunID: baseline, candidateRunID: run, baselineBinary: "/main/dlbench"))
        return run
    }
}
