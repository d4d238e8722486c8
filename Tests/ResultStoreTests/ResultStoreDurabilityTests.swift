import XCTest
import GRDB
import Measurement
import ResultStore

final class ResultStoreDurabilityTests: TemporaryDatabaseTestCase {
    private func startRunWithOneTrial(_ store: ResultStore) throws -> (run: Int64, case: Int64) {
        let run = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "p",
                                     startedAt: Date(), dlbenchCommit: nil)
        let machine = try store.recordMachine(runID: run, name: "m", fingerprint: Self.fingerprint())
        let caseID = try store.addCase(newCase(runID: run, machineID: machine, engine: "eager"))
        try store.markCaseRunning(caseID: caseID)
        try store.recordTrial(caseID: caseID, index: 0, startedAt: Date(), endedAt: Date(),
                              samples: [MetricSample(metric: "step_time", unit: "s", value: 0.01)])
        return (run, caseID)
    }

    func testInterruptedRunKeepsFinishedTrials() throws {
        let store = try openStore()
        let (run, _) = try startRunWithOneTrial(store)
        try store.finishRun(runID: run, status: .interrupted, endedAt: Date())

        let reopened = try openStore()
        XCTAssertEqual(try reopened.run(id: run)?.status, .interrupted)
        let cases = try reopened.caseResults(runID: run)
        XCTAssertEqual(cases.first?.status, .running)
        XCTAssertEqual(cases.first?.series.first?.values, [0.01])
    }

    func testRunLeftRunningIsReadableFromASecondInstance() throws {
        let writer = try openStore()
        let (run, _) = try startRunWithOneTrial(writer)

        let reader = try openStore()
        let record = try XCTUnwrap(reader.run(id: run))
        XCTAssertEqual(record.status, .running)
        XCTAssertNil(record.endedAt)
        XCTAssertEqual(record.caseCounts.running, 1)
        XCTAssertEqual(try reader.caseResults(runID: run).first?.trialCount, 1)
    }

    func testMigrationsAreNamed() throws {
        let store = try openStore()
        XCTAssertEqual(try store.appliedMigrations(), ["v1-initial", "v2-measurement", "v3-kernel-profile", "v4-run-pairs", "v5-fleet"])
    }

    func testDatabaseFromNewerBuildIsRefused() throws {
        _ = try openStore()
        let queue = try DatabaseQueue(path: databasePath)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        try queue.close()

        XCTAssertThrowsError(try openStore()) { error in
            guard case let ResultStoreError.newerSchema(path, unknown)? = error as? ResultStoreError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(path, self.databasePath)
            XCTAssertEqual(unknown, ["v99-from-the-future"])
            XCTAssertTrue("\(error)".contains("newer dlbench"))
        }
    }

    func testParentDirectoriesAreCreatedAndWALIsOn() throws {
        let nested = directory.appendingPathComponent("a/b/results.sqlite").path
        _ = try ResultStore(path: nested)
        XCTAssertTrue(FileManager.default.fileExists(atPath: nested))
        let queue = try DatabaseQueue(path: nested)
        let mode = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "wal")
    }
}
