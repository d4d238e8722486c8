import XCTest
import GRDB
import Measurement
import ResultStore

/// One hand-edited value used to crash every reader (GRDB's `row["started_at"]` is a `try!`); now each reader
/// reports it as `badValue` naming the table, row id, column, what was found and what was expected.
final class ResultStoreBadValueTests: TemporaryDatabaseTestCase {
    private struct Corruption {
        let table: String
        let column: String
        let newValue: String
        let found: String
        let read: (ResultStore, Int64) throws -> Void
    }

    private let corruptions: [Corruption] = [
        Corruption(table: "runs", column: "started_at", newValue: "'garbage'", found: "'garbage'") { store, _ in _ = try store.runs() },
        Corruption(table: "runs", column: "started_at", newValue: "'garbage'", found: "'garbage'") { store, run in _ = try store.run(id: run) },
        Corruption(table: "runs", column: "ended_at", newValue: "12.5", found: "12.5") { store, run in _ = try store.run(id: run) },
        Corruption(table: "runs", column: "status", newValue: "'paused'", found: "'paused'") { store, _ in _ = try store.runs() },
        Corruption(table: "runs", column: "order_seed", newValue: "'-5'", found: "'-5'") { store, run in _ = try store.measurement(runID: run) },
        Corruption(table: "runs", column: "harness_overhead_ns", newValue: "'fast'", found: "'fast'") { store, run in
            _ = try store.measurement(runID: run)
        },
        Corruption(table: "cases", column: "status", newValue: "'weird'", found: "'weird'") { store, _ in _ = try store.runs() },
        Corruption(table: "cases", column: "status", newValue: "'weird'", found: "'weird'") { store, run in _ = try store.caseResults(runID: run) },
        Corruption(table: "cases", column: "batch_size", newValue: "'many'", found: "'many'") { store, run in _ = try store.caseResults(runID: run) },
        Corruption(table: "machines", column: "fingerprint_json", newValue: "'{'", found: "'{'") { store, run in _ = try store.machines(runID: run) },
        Corruption(table: "machines", column: "name", newValue: "X'00FF'", found: "a blob of 2 bytes") { store, run in
            _ = try store.caseResults(runID: run)
        },
        Corruption(table: "trials", column: "trial_index", newValue: "'first'", found: "'first'") { store, run in _ = try store.caseResults(runID: run) },
        Corruption(table: "samples", column: "value", newValue: "'fast'", found: "'fast'") { store, run in _ = try store.caseResults(runID: run) },
        Corruption(table: "samples", column: "value", newValue: "'fast'", found: "'fast'") { store, run in
            _ = try store.trialMedians(runID: run, metric: "step_time")
        },
        Corruption(table: "kernel_profiles", column: "nanoseconds_per_step", newValue: "'slow'", found: "'slow'") { store, run in
            _ = try store.kernelProfiles(runID: run)
        },
        Corruption(table: "trial_order", column: "case_id", newValue: "'x'", found: "'x'") { store, run in _ = try store.trialOrder(runID: run) },
        Corruption(table: "run_warnings", column: "message", newValue: "X'01'", found: "a blob of 1 bytes") { store, run in
            _ = try store.warnings(runID: run)
        },
        Corruption(table: "run_pairs", column: "baseline_binary", newValue: "X'01'", found: "a blob of 1 bytes") { store, run in
            _ = try store.pair(containing: run)
        },
    ]

    func testEveryReaderReportsABadValueWithTableRowAndColumn() throws {
        for (index, corruption) in corruptions.enumerated() {
            let path = directory.appendingPathComponent("bad-\(index)/results.sqlite").path
            let run = try recordFullRun(ResultStore(path: path))
            let queue = try DatabaseQueue(path: path)
            let id = try XCTUnwrap(queue.read { db in
                try Int64.fetchOne(db, sql: "SELECT MIN(rowid) FROM \(corruption.table)")
            })
            try queue.close()
            try handEdit("UPDATE \(corruption.table) SET \(corruption.column) = \(corruption.newValue) WHERE rowid = \(id)",
                         path: path)
            for access in [ResultStore.Access.readWrite, .readOnly] {
                let label = "\(corruption.table).\(corruption.column) (\(access))"
                XCTAssertThrowsError(try corruption.read(ResultStore(path: path, access: access), run), label) { error in
                    guard case let .badValue(errorPath, table, errorID, column, found, _)? = error as? ResultStoreError else {
                        return XCTFail("\(label): unexpected error \(error)")
                    }
                    XCTAssertEqual([errorPath, table, column, found], [path, corruption.table, corruption.column, corruption.found], label)
                    XCTAssertEqual(errorID, id, label)
                }
            }
        }
    }

    func testBadDateMessageSaysWhereAndWhatWasExpected() throws {
        let run = try recordFullRun(openStore())
        try handEdit("UPDATE runs SET started_at = 'garbage' WHERE id = \(run)")
        XCTAssertThrowsError(try openStore().runs()) { error in
            XCTAssertEqual("\(error)", "result database \(self.databasePath): runs id \(run), column started_at: 'garbage' "
                + "is not a date (expected UTC 'yyyy-MM-dd HH:mm:ss.SSS' as dlbench stores it, or ISO 8601)"
                + " — the file may have been edited by hand; fix or delete that row")
        }
    }

    func testBadFingerprintNamesTheDecodingProblemBriefly() throws {
        let run = try recordFullRun(openStore())
        try handEdit("UPDATE machines SET fingerprint_json = '{\"cpuModel\": 3}'")
        XCTAssertThrowsError(try openStore().machines(runID: run)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("machines id 1, column fingerprint_json"), message)
            XCTAssertTrue(message.contains("is not an environment fingerprint (expected JSON as dlbench writes it; "), message)
            XCTAssertFalse(message.contains("\n"), message)
        }
    }

    func testGoodValuesStillReadBack() throws {
        let run = try recordFullRun(openStore())
        let store = try ResultStore(path: databasePath, access: .readOnly)
        XCTAssertEqual(try store.runs().count, 2)
        XCTAssertEqual(try store.caseResults(runID: run).first?.series.first?.values, [0.01, 1.01])
        XCTAssertEqual(try store.measurement(runID: run)?.orderSeed, 7)
        XCTAssertEqual(try store.kernelProfiles(runID: run).first?.kernels.first?.nanosecondsPerStep, 100)
        XCTAssertEqual(try store.trialOrder(runID: run).count, 1)
        XCTAssertEqual(try store.warnings(runID: run).map(\.kind), ["noise"])
        XCTAssertEqual(try store.pair(containing: run)?.baselineBinary, "/main/dlbench")
    }
}
