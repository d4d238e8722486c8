import XCTest
import Measurement
import ResultStore

final class ResultStoreRoundTripTests: TemporaryDatabaseTestCase {
    func testRunWithTwoCasesAndTwoTrialsRoundTrips() throws {
        let store = try openStore()
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let runID = try store.beginRun(protocolName: "quickstart", protocolPath: "Protocols/quickstart.json",
                                       protocolText: "{\"name\":\"quickstart\"}", startedAt: start, dlbenchCommit: "abc")
        let machineID = try store.recordMachine(runID: runID, name: "cpu-2", fingerprint: Self.fingerprint())
        let eager = try store.addCase(newCase(runID: runID, machineID: machineID, engine: "eager"))
        let fused = try store.addCase(newCase(runID: runID, machineID: machineID, engine: "fused", batchSize: nil))

        for caseID in [eager, fused] {
            try store.markCaseRunning(caseID: caseID)
            for trial in 0..<2 {
                let base = Double(caseID * 10 + Int64(trial))
                try store.recordTrial(
                    caseID: caseID, index: trial, startedAt: start.addingTimeInterval(Double(trial)),
                    endedAt: start.addingTimeInterval(Double(trial) + 0.5),
                    samples: [
                        MetricSample(metric: "step_time", unit: "s", value: base + 0.1),
                        MetricSample(metric: "final_loss", unit: "1", value: base + 0.9),
                        MetricSample(metric: "step_time", unit: "s", value: base + 0.2),
                    ])
            }
            try store.finishCase(caseID: caseID, status: .succeeded, message: nil)
        }
        try store.finishRun(runID: runID, status: .completed, endedAt: start.addingTimeInterval(60))

        let run = try XCTUnwrap(store.run(id: runID))
        XCTAssertEqual(run.protocolName, "quickstart")
        // The stored hash is SHA-256 of the protocol text (hashlib.sha256(b'{"name":"quickstart"}')): unchanged across hash libraries.
        XCTAssertEqual(run.protocolHash, "1631a2aa4a2fab2a263e6b6bdb5d12b25af87c709ed41ce36f94f6357ce36fdf")
        XCTAssertEqual(run.status, .completed)
        XCTAssertEqual(run.startedAt.timeIntervalSince1970, start.timeIntervalSince1970, accuracy: 0.001)
        XCTAssertEqual(try XCTUnwrap(run.endedAt).timeIntervalSince(start), 60, accuracy: 0.001)
        XCTAssertEqual(run.caseCounts.succeeded, 2)
        XCTAssertEqual(run.caseCounts.total, 2)
        XCTAssertEqual(run.dlbenchCommit, "abc")

        let cases = try store.caseResults(runID: runID)
        XCTAssertEqual(cases.map(\.engine), ["eager", "fused"])
        XCTAssertEqual(cases.map(\.batchSize), [32, nil])
        XCTAssertEqual(cases[0].machine.name, "cpu-2")
        XCTAssertEqual(cases[0].machine.fingerprint, Self.fingerprint())
        XCTAssertEqual(cases[0].machine.identityHash, Self.fingerprint().identityHash)
        XCTAssertEqual(cases[0].trialCount, 2)
        XCTAssertEqual(cases[0].status, .succeeded)
        let base = Double(eager * 10)
        XCTAssertEqual(cases[0].series, [
            MetricSeries(metric: "step_time", unit: "s", values: [base + 0.1, base + 0.2, base + 1.1, base + 1.2], trials: [0, 0, 1, 1]),
            MetricSeries(metric: "final_loss", unit: "1", values: [base + 0.9, base + 1.9], trials: [0, 1]),
        ])
        XCTAssertEqual(try store.latestRunID(), runID)
        XCTAssertEqual(try store.machines(runID: runID).map(\.id), [machineID])
    }

    func testRunsAreListedNewestFirstWithCounts() throws {
        let store = try ResultStore.inMemory()
        let older = try store.beginRun(protocolName: "a", protocolPath: "a.json", protocolText: "a",
                                       startedAt: Date(timeIntervalSince1970: 100), dlbenchCommit: nil)
        let newer = try store.beginRun(protocolName: "b", protocolPath: "b.json", protocolText: "b",
                                       startedAt: Date(timeIntervalSince1970: 200), dlbenchCommit: nil)
        let machine = try store.recordMachine(runID: newer, name: "m", fingerprint: Self.fingerprint())
        let failed = try store.addCase(newCase(runID: newer, machineID: machine, engine: "eager"))
        try store.finishCase(caseID: failed, status: .failed, message: "boom")
        let skipped = try store.addCase(newCase(runID: newer, machineID: machine, engine: "opencl"))
        try store.finishCase(caseID: skipped, status: .skipped, message: "no OpenCL device")
        _ = try store.addCase(newCase(runID: newer, machineID: machine, engine: "traced"))

        let runs = try store.runs()
        XCTAssertEqual(runs.map(\.id), [newer, older])
        XCTAssertEqual(runs[0].caseCounts.failed, 1)
        XCTAssertEqual(runs[0].caseCounts.skipped, 1)
        XCTAssertEqual(runs[0].caseCounts.pending, 1)
        XCTAssertEqual(runs[1].caseCounts.total, 0)
        XCTAssertEqual(try store.caseResults(runID: newer).first?.message, "boom")
        XCTAssertNil(try store.run(id: 999))
    }

    func testNaNSamplesSurviveAsNaN() throws {
        let store = try ResultStore.inMemory()
        let run = try store.beginRun(protocolName: "p", protocolPath: "p", protocolText: "p", startedAt: Date(),
                                     dlbenchCommit: nil)
        let machine = try store.recordMachine(runID: run, name: "m", fingerprint: Self.fingerprint())
        let caseID = try store.addCase(newCase(runID: run, machineID: machine, engine: "eager"))
        try store.recordTrial(caseID: caseID, index: 0, startedAt: Date(), endedAt: Date(),
                              samples: [MetricSample(metric: "final_loss", unit: "1", value: .nan)])
        let values = try XCTUnwrap(store.caseResults(runID: run).first?.series.first?.values)
        XCTAssertEqual(values.count, 1)
        XCTAssertTrue(values[0].isNaN)
    }

    func testUnknownIDsAreReportedWithTheTable() throws {
        let store = try openStore()
        XCTAssertThrowsError(try store.finishCase(caseID: 42, status: .failed, message: nil)) { error in
            guard case let ResultStoreError.missingRow(path, table, id)? = error as? ResultStoreError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(path, self.databasePath)
            XCTAssertEqual(table, "cases")
            XCTAssertEqual(id, 42)
        }
    }

    func testDuplicateTrialIndexIsADatabaseErrorWithSQL() throws {
        let store = try openStore()
        let run = try store.beginRun(protocolName: "p", protocolPath: "p", protocolText: "p", startedAt: Date(),
                                     dlbenchCommit: nil)
        let machine = try store.recordMachine(runID: run, name: "m", fingerprint: Self.fingerprint())
        let caseID = try store.addCase(newCase(runID: run, machineID: machine, engine: "eager"))
        try store.recordTrial(caseID: caseID, index: 0, startedAt: Date(), endedAt: Date(), samples: [])
        XCTAssertThrowsError(try store.recordTrial(caseID: caseID, index: 0, startedAt: Date(), endedAt: Date(),
                                                   samples: [])) { error in
            guard case let ResultStoreError.database(path, _, sql, _)? = error as? ResultStoreError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(path, self.databasePath)
            XCTAssertTrue(sql?.contains("INSERT INTO trials") ?? false)
            XCTAssertTrue("\(error)".contains(self.databasePath))
        }
    }
}
