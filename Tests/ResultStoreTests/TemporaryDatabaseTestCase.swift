import XCTest
import Measurement
import ResultStore

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
}
