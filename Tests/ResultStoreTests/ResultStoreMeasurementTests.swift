import GRDB
import XCTest
import Measurement
import ResultStore

/// The v2-measurement migration: trial order, warnings and run measurement facts round-trip, and a file
/// written by the v1 schema upgrades in place.
final class ResultStoreMeasurementTests: TemporaryDatabaseTestCase {
    private func runWithTwoCases(_ store: ResultStore) throws -> (run: Int64, cases: [Int64]) {
        let run = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "p", startedAt: Date(),
                                     dlbenchCommit: nil)
        let machine = try store.recordMachine(runID: run, name: "m", fingerprint: Self.fingerprint())
        let first = try store.addCase(newCase(runID: run, machineID: machine, engine: "eager"))
        let second = try store.addCase(newCase(runID: run, machineID: machine, engine: "fused"))
        return (run, [first, second])
    }

    func testTrialOrderRoundTripsRoundByRound() throws {
        let store = try openStore()
        let (run, cases) = try runWithTwoCases(store)
        try store.recordTrialOrder(runID: run, round: 0, caseIDs: [cases[1], cases[0]])
        try store.recordTrialOrder(runID: run, round: 1, caseIDs: [cases[0], cases[1]])
        try store.recordTrialOrder(runID: run, round: 2, caseIDs: [cases[1]])
        XCTAssertEqual(try store.trialOrder(runID: run), [[cases[1], cases[0]], [cases[0], cases[1]], [cases[1]]])
    }

    func testWarningsAndMeasurementFactsRoundTrip() throws {
        let store = try openStore()
        let (run, cases) = try runWithTwoCases(store)
        let warnings = [StoredWarning(caseID: nil, kind: "high-load", message: "load 3.0"),
                        StoredWarning(caseID: cases[0], kind: "high-variation", message: "CV 20%")]
        for warning in warnings { try store.recordWarning(runID: run, warning) }
        XCTAssertEqual(try store.warnings(runID: run), warnings)

        let facts = RunMeasurement(orderSeed: UInt64.max, harnessOverheadNanoseconds: 21.5, isolation: "process",
                                   stoppingReason: "every case settled")
        try store.recordMeasurement(runID: run, facts)
        XCTAssertEqual(try store.measurement(runID: run), facts, "a seed above Int64.max survives")
    }

    func testNotConvergedTimeToTargetIsStoredAsInfinity() throws {
        let store = try openStore()
        let (run, cases) = try runWithTwoCases(store)
        try store.recordTrial(caseID: cases[0], index: 0, startedAt: Date(), endedAt: Date(),
                              samples: [MetricSample(metric: "time_to_target", unit: "s", value: .infinity)])
        let series = try store.caseResults(runID: run).first?.series.first
        XCTAssertEqual(series?.values, [.infinity])
    }

    func testVersionOneFileUpgradesInPlace() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: databasePath)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial") { db in
            try db.execute(sql: """
                CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, protocol_name TEXT NOT NULL,
                    protocol_path TEXT NOT NULL, protocol_text TEXT NOT NULL, protocol_hash TEXT NOT NULL,
                    started_at DATETIME NOT NULL, ended_at DATETIME, status TEXT NOT NULL, dlbench_commit TEXT);
                CREATE TABLE cases (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL);
                """)
        }
        try migrator.migrate(queue)
        try queue.close()
        let store = try openStore()
        XCTAssertEqual(try store.appliedMigrations(), ["v1-initial", "v2-measurement", "v3-kernel-profile", "v4-run-pairs", "v5-fleet"])
    }
}
