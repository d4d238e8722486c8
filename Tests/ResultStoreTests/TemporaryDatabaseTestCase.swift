import XCTest
import GRDB
import Measurement
@testable import ResultStore

/// Gives each test its own database file in a fresh temporary directory and removes it after.
class TemporaryDatabaseTestCase: XCTestCase {
    private(set) var directory: URL!
    var databasePath: String { directory.appendingPathComponent("results.sqlite").path }

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dlbench-store-tests-\(UUID().uuidString)", isDirectory: true)
    }

    override func tearDownWithError() throws {
        if let directory {
            try? FileManager.default.removeItem(at: directory)
        }
        try super.tearDownWithError()
    }

    func openStore() throws -> ResultStore {
        try ResultStore(path: databasePath)
    }

    static func fingerprint(threads: Int = 2) -> EnvironmentFingerprint {
        EnvironmentFingerprint(
            cpuModel: "Test CPU", cpuFlags: ["avx2"], logicalCores: 2, memoryBytes: 1 << 30, osName: "Test OS",
            kernel: "Linux 6.0 x86_64", swiftVersion: "6.3", openBLASConfig: "OpenBLAS test", openBLASCore: "Haswell",
            threads: threads, openCLDevices: [], gitCommit: "deadbeef", gitDirty: true,
            environmentVariables: [:], loadAverage1m: 0.25)
    }

    func newCase(runID: Int64, machineID: Int64, engine: String, batchSize: Int? = 32) -> NewCase {
        NewCase(runID: runID, machineID: machineID, task: "mnist-train", taskKind: "train", engine: engine,
                engineKind: engine, model: "mlp", dataset: "mnist", batchSize: batchSize, configJSON: "{}")
    }

    /// Changes the file the way a hand edit with the sqlite3 shell can: no foreign keys, CHECK constraints ignored.
    func handEdit(_ sql: String, path: String? = nil) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path ?? databasePath, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: sql)
        }
        try queue.close()
    }

    /// One run using every table: machine, case, two trials with samples and a kernel profile, trial order, a
    /// warning, measurement facts, and an A/B pair with a second run. Returns the first (candidate) run's id.
    @discardableResult
    func recordFullRun(_ store: ResultStore) throws -> Int64 {
        let run = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "{}",
                                     startedAt: Date(timeIntervalSince1970: 1_700_000_000), dlbenchCommit: "abc")
        let machine = try store.recordMachine(runID: run, name: "m", fingerprint: Self.fingerprint())
        let caseID = try store.addCase(newCase(runID: run, machineID: machine, engine: "eager"))
        try store.markCaseRunning(caseID: caseID)
        for trial in 0..<2 {
            try store.recordTrial(caseID: caseID, index: trial, startedAt: Date(), endedAt: Date(),
                                  samples: [MetricSample(metric: "step_time", unit: "s", value: 0.01 + Double(trial))],
                                  kernelTimes: [KernelTime(kernel: "matmul", launchesPerStep: 1, nanosecondsPerStep: 100)])
        }
        try store.recordTrialOrder(runID: run, round: 0, caseIDs: [caseID])
        try store.recordWarning(runID: run, StoredWarning(caseID: caseID, kind: "noise", message: "CV high"))
        try store.recordMeasurement(runID: run, RunMeasurement(orderSeed: 7, harnessOverheadNanoseconds: 12,
                                                               isolation: "process", stoppingReason: "maxTrials"))
        try store.finishCase(caseID: caseID, status: .succeeded, message: nil)
        try store.finishRun(runID: run, status: .completed, endedAt: Date(timeIntervalSince1970: 1_700_000_010))
        let baseline = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "{}",
                                          startedAt: Date(timeIntervalSince1970: 1_700_000_001), dlbenchCommit: nil)
        try store.recordPair(RunPair(baselineRunID: baseline, candidateRunID: run, baselineBinary: "/main/dlbench"))
        return run
    }

    /// The file's bytes, to show an open left it unchanged.
    /// A database at `path` as a build that knew only the first two migrations wrote it, with one run.
    func writeOlderSchemaDatabase(at path: String, protocolName: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try ResultStore.apply(Array(ResultStore.migrations.prefix(2)), db)
            try db.execute(sql: """
                INSERT INTO runs (protocol_name, protocol_path, protocol_text, protocol_hash, started_at, status)
                VALUES (?, ?, '{}', 'hash', '2024-05-01 12:00:00.000', 'completed')
                """, arguments: [protocolName, protocolName + ".json"])
        }
        try queue.close()
    }

    func contents(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
}

