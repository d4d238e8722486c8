import _TestSupport
import Foundation
import Measurement
import PostgreSQLStore
import ResultStore
import XCTest

/// What every result database must do, whichever kind it is. Written once; `SQLiteStoreContractTests` and
/// `PostgreSQLStoreContractTests` run every check against a SQLite file and a database on a real PostgreSQL server
/// (each declares its own test methods: XCTest on Linux does not find inherited ones).
class StoreContract {
    /// New, empty store locations (`--db` values); the owner cleans them up.
    let newLocation: () throws -> String

    init(newLocation: @escaping () throws -> String) { self.newLocation = newLocation }

    func aFullRunReadsBackAsWritten() throws {
        let store = try ResultStore.open(location: try newLocation())
        let run = try StoreFixture.recordFullRun(store)
        let record = try XCTUnwrap(try store.run(id: run))
        XCTAssertEqual(record.protocolName, "p")
        XCTAssertEqual(record.status, .completed)
        XCTAssertEqual(record.startedAt.timeIntervalSince1970, 1_700_000_000, accuracy: 0.001)
        XCTAssertEqual(record.caseCounts[.succeeded], 1)
        XCTAssertNotNil(record.uuid)
        let cases = try store.caseResults(runID: run)
        XCTAssertEqual(cases.count, 1)
        XCTAssertEqual(cases[0].trialCount, 2)
        XCTAssertEqual(cases[0].machine.fingerprint, StoreFixture.fingerprint())
        XCTAssertEqual(cases[0].series.first?.metric, "step_time")
        XCTAssertEqual(cases[0].series.first?.values.count, 2)
        XCTAssertTrue(cases[0].series.first?.values[1].isNaN == true, "a NaN sample reads back as NaN")
        XCTAssertEqual(cases[0].series.first?.values[0] ?? 0, 0.01, accuracy: 1e-12)
        XCTAssertEqual(try store.trialMedians(runID: run, metric: "step_time")[cases[0].id], [0.01])
        XCTAssertEqual(try store.kernelProfiles(runID: run).first?.kernels.first?.kernel, "matmul")
        XCTAssertEqual(try store.trialOrder(runID: run), [[cases[0].id]])
        XCTAssertEqual(try store.warnings(runID: run).map(\.kind), ["noise"])
        XCTAssertEqual(try store.measurement(runID: run)?.orderSeed, UInt64.max, "unsigned 64-bit seeds survive")
        XCTAssertEqual(try store.pair(containing: run)?.baselineBinary, "/main/dlbench")
        XCTAssertEqual(try store.appliedMigrations(), ["v1-initial", "v2-measurement", "v3-kernel-profile",
                                                       "v4-run-pairs", "v5-fleet"])
    }

    func aMissingRowIsATypedErrorNamingTheStore() throws {
        let location = try newLocation()
        let store = try ResultStore.open(location: location)
        XCTAssertThrowsError(try store.finishCase(caseID: 999, status: .failed, message: nil)) { error in
            guard case let .missingRow(path, table, id) = error as? ResultStoreError else {
                return XCTFail("expected missingRow, got \(error)")
            }
            XCTAssertEqual(table, "cases")
            XCTAssertEqual(id, 999)
            XCTAssertFalse(path.contains("password"), path)
        }
    }

    func mergingInAndOutAddsEachRunOnceAndKeepsEveryRow() throws {
        let store = try ResultStore.open(location: try newLocation())
        let sqlite = try ResultStore.temporary()
        defer { try? FileManager.default.removeItem(atPath: (sqlite.path as NSString).deletingLastPathComponent) }
        let run = try StoreFixture.recordFullRun(sqlite)
        XCTAssertEqual(try store.merge(from: sqlite), MergeSummary(runsAdded: 2))
        XCTAssertEqual(try store.merge(from: sqlite), MergeSummary(runsAlreadyPresent: 2), "a repeated merge adds nothing")
        let copy = try ResultStore.temporary()
        defer { try? FileManager.default.removeItem(atPath: (copy.path as NSString).deletingLastPathComponent) }
        XCTAssertEqual(try copy.merge(from: store), MergeSummary(runsAdded: 2))
        let original = try XCTUnwrap(try sqlite.run(id: run))
        let roundTripped = try XCTUnwrap(try copy.runs().first { $0.uuid == original.uuid })
        // NaN never equals itself: compare with it replaced.
        func values(_ store: ResultStore, _ run: Int64) throws -> [[Double]] {
            try store.caseResults(runID: run).flatMap(\.series).map { $0.values.map { $0.isNaN ? -1 : $0 } }
        }
        XCTAssertEqual(try values(copy, roundTripped.id), try values(sqlite, run))
        XCTAssertEqual(try copy.kernelProfiles(runID: roundTripped.id).map(\.kernels),
                       try sqlite.kernelProfiles(runID: run).map(\.kernels))
        XCTAssertEqual(try copy.pair(containing: roundTripped.id)?.baselineBinary, "/main/dlbench")
    }

    func concurrentWritersKeepEveryTrial() throws {
        let location = try newLocation()
        _ = try ResultStore.open(location: location)
        let writers = 3, trials = 20
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                let store = try ResultStore.open(location: location)
                let run = try store.beginRun(protocolName: "w\(writer)", protocolPath: "w.json", protocolText: "{}",
                                             startedAt: Date(), dlbenchCommit: nil, group: "g", shard: "\(writer + 1)/\(writers)")
                let machine = try store.recordMachine(runID: run, name: "m", fingerprint: StoreFixture.fingerprint())
                let caseID = try store.addCase(StoreFixture.newCase(runID: run, machineID: machine))
                for trial in 0..<trials {
                    try store.recordTrial(caseID: caseID, index: trial, startedAt: Date(), endedAt: Date(),
                                          samples: (0..<5).map { MetricSample(metric: "step_time", unit: "s", value: Double($0)) })
                }
                try store.finishRun(runID: run, status: .completed, endedAt: Date())
            } catch {
                failures.append("\(error)")
            }
        }
        XCTAssertEqual(failures.all, [])
        let store = try ResultStore.open(location: location, access: .readOnly)
        let runs = try store.runs(group: "g")
        XCTAssertEqual(runs.count, writers)
        XCTAssertEqual(Set(runs.compactMap(\.shard)), ["1/3", "2/3", "3/3"])
        for run in runs {
            XCTAssertEqual(try store.caseResults(runID: run.id).first?.trialCount, trials)
        }
    }
}

final class SQLiteStoreContractTests: XCTestCase {
    private var directories: [URL] = []
    private lazy var contract = StoreContract { [unowned self] in
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dlbench-contract-\(UUID().uuidString)")
        directories.append(directory)
        return directory.appendingPathComponent("results.sqlite").path
    }

    override func tearDown() {
        directories.forEach { try? FileManager.default.removeItem(at: $0) }
        super.tearDown()
    }

    func testAFullRunReadsBackAsWritten() throws { try contract.aFullRunReadsBackAsWritten() }
    func testAMissingRowIsATypedErrorNamingTheStore() throws { try contract.aMissingRowIsATypedErrorNamingTheStore() }
    func testMergingInAndOutAddsEachRunOnceAndKeepsEveryRow() throws { try contract.mergingInAndOutAddsEachRunOnceAndKeepsEveryRow() }
    func testConcurrentWritersKeepEveryTrial() throws { try contract.concurrentWritersKeepEveryTrial() }
}

final class PostgreSQLStoreContractTests: XCTestCase {
    private var databases: [String] = []
    private lazy var contract = StoreContract { [unowned self] in
        let url = try PostgreSQLTestServer.freshDatabase()
        databases.append(url)
        return url
    }

    override func tearDown() {
        databases.forEach(PostgreSQLTestServer.drop)
        super.tearDown()
    }

    func testAFullRunReadsBackAsWritten() throws { try contract.aFullRunReadsBackAsWritten() }
    func testAMissingRowIsATypedErrorNamingTheStore() throws { try contract.aMissingRowIsATypedErrorNamingTheStore() }
    func testMergingInAndOutAddsEachRunOnceAndKeepsEveryRow() throws { try contract.mergingInAndOutAddsEachRunOnceAndKeepsEveryRow() }
    func testConcurrentWritersKeepEveryTrial() throws { try contract.concurrentWritersKeepEveryTrial() }
}

/// Errors collected from concurrent writers.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func append(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return messages }
}
