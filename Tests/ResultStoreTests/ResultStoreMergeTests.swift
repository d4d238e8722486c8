import XCTest
import Measurement
@testable import ResultStore

final class ResultStoreMergeTests: XCTestCase {
    private func fingerprint(cpu: String) -> EnvironmentFingerprint {
        EnvironmentFingerprint(
            cpuModel: cpu, cpuFlags: [], logicalCores: 2, memoryBytes: 1 << 30, osName: "Test OS", kernel: "Linux",
            swiftVersion: "6.3", openBLASConfig: "OpenBLAS", openBLASCore: "Haswell", threads: 1, openCLDevices: [],
            gitCommit: nil, gitDirty: nil, environmentVariables: [:], loadAverage1m: nil)
    }

    /// A database with one run of one case, two trials of samples, on a machine named by `cpu`.
    private func makeDatabase(cpu: String, value: Double) throws -> ResultStore {
        let store = try ResultStore.temporary()
        let run = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "{}",
                                     startedAt: Date(timeIntervalSince1970: 1_700_000_000), dlbenchCommit: nil)
        let machine = try store.recordMachine(runID: run, name: "cpu-1", fingerprint: fingerprint(cpu: cpu))
        let caseID = try store.addCase(NewCase(runID: run, machineID: machine, task: "t", taskKind: "train", engine: "eager",
                                               engineKind: "eager", model: "m", dataset: "d", batchSize: 4, configJSON: "{}"))
        for trial in 0..<2 {
            try store.recordTrial(caseID: caseID, index: trial, startedAt: Date(), endedAt: Date(),
                                  samples: [MetricSample(metric: "step_time", unit: "ms", value: value + Double(trial))])
        }
        try store.recordTrialOrder(runID: run, round: 0, caseIDs: [caseID])
        try store.recordWarning(runID: run, StoredWarning(caseID: caseID, kind: "noise", message: "CV high"))
        try store.finishCase(caseID: caseID, status: .succeeded, message: nil)
        try store.finishRun(runID: run, status: .completed, endedAt: Date(timeIntervalSince1970: 1_700_000_010))
        return store
    }

    func testMergingCopiesRunsOfEveryMachineAndMergingAgainAddsNothing() throws {
        let laptop = try makeDatabase(cpu: "Laptop CPU", value: 5)
        let server = try makeDatabase(cpu: "Server CPU", value: 2)
        let target = try ResultStore.temporary()
        XCTAssertEqual(try target.merge(from: laptop.path), MergeSummary(runsAdded: 1))
        XCTAssertEqual(try target.merge(from: server.path), MergeSummary(runsAdded: 1))
        XCTAssertEqual(try target.merge(from: laptop.path), MergeSummary(runsAlreadyPresent: 1))
        XCTAssertEqual(try target.merge(from: server.path), MergeSummary(runsAlreadyPresent: 1))

        let runs = try target.runs()
        XCTAssertEqual(runs.count, 2)
        let cases = try runs.flatMap { try target.caseResults(runID: $0.id) }
        XCTAssertEqual(Set(cases.map(\.machine.fingerprint.cpuModel)), ["Laptop CPU", "Server CPU"])
        XCTAssertEqual(cases.map { $0.series.first?.values ?? [] }.sorted { $0[0] < $1[0] }, [[2, 3], [5, 6]])
        for run in runs {
            XCTAssertEqual(try target.trialOrder(runID: run.id).count, 1)
            XCTAssertEqual(try target.warnings(runID: run.id).map(\.message), ["CV high"])
        }
    }

    func testMergingKeepsTheAToBPairingWithTheNewRunIDs() throws {
        let source = try ResultStore.temporary()
        var runs: [Int64] = []
        for offset in [0.0, 0.001] {
            let run = try source.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "{}",
                                          startedAt: Date(timeIntervalSince1970: 1_700_000_100 + offset), dlbenchCommit: nil)
            _ = try source.recordMachine(runID: run, name: "cpu-1", fingerprint: fingerprint(cpu: "Pair CPU"))
            runs.append(run)
        }
        try source.recordPair(RunPair(baselineRunID: runs[0], candidateRunID: runs[1], baselineBinary: "/main/dlbench"))
        let target = try makeDatabase(cpu: "Other CPU", value: 1)  // occupies run id 1, so ids shift
        XCTAssertEqual(try target.merge(from: source.path), MergeSummary(runsAdded: 2))
        let copied = try target.runs().filter { $0.id != 1 }.map(\.id).sorted()
        XCTAssertEqual(try target.pair(containing: copied[1]),
                       RunPair(baselineRunID: copied[0], candidateRunID: copied[1], baselineBinary: "/main/dlbench"))
        XCTAssertEqual(try target.merge(from: source.path), MergeSummary(runsAlreadyPresent: 2))
    }

    func testMergingAMissingFileIsAnErrorNamingIt() throws {
        let target = try ResultStore.temporary()
        XCTAssertThrowsError(try target.merge(from: "/nonexistent/results.sqlite")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/results.sqlite"))
        }
    }
}
