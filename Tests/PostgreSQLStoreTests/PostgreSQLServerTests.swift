import _TestSupport
import Foundation
import Measurement
import PostgreSQLStore
import ResultStore
import XCTest

/// What only a server database does: concurrent first opens, another program's tables, authentication.
final class PostgreSQLServerTests: XCTestCase {
    private var databases: [String] = []

    override func tearDown() {
        databases.forEach(PostgreSQLTestServer.drop)
        super.tearDown()
    }

    private func freshDatabase() throws -> String {
        let url = try PostgreSQLTestServer.freshDatabase()
        databases.append(url)
        return url
    }

    func testConcurrentFirstOpensCreateTheSchemaOnce() throws {
        let url = try freshDatabase()
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do { _ = try ResultStore.open(location: url) } catch { failures.append("\(error)") }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(try ResultStore.open(location: url, access: .readOnly).appliedMigrations().count, 5)
    }

    func testAnotherProgramsDatabaseIsRefusedUnchanged() throws {
        let url = try freshDatabase()
        try PostgreSQLTestServer.psql(url, "CREATE TABLE invoices (id BIGINT)")
        XCTAssertThrowsError(try ResultStore.open(location: url)) { error in
            guard case let .foreignDatabase(_, tables) = error as? ResultStoreError else {
                return XCTFail("expected foreignDatabase, got \(error)")
            }
            XCTAssertEqual(tables, ["invoices"])
        }
        XCTAssertThrowsError(try PostgreSQLTestServer.psql(url, "SELECT 1 FROM grdb_migrations"),
                             "the refused database was left without dlbench's tables")
    }

    func testReadingAnEmptyDatabaseSaysHowToFillIt() throws {
        let url = try freshDatabase()
        XCTAssertThrowsError(try ResultStore.open(location: url, access: .readOnly)) { error in
            XCTAssertTrue("\(error)".contains("`dlbench run` or `dlbench merge --into` it once"), "\(error)")
        }
    }

    func testAWrongPasswordIsAClearErrorThatNeverShowsThePassword() throws {
        let server = try PostgreSQLTestServer.requireURL()
        let wrong = server.replacingOccurrences(of: "postgres://dlbench@", with: "postgres://dlbench:not-the-password@")
        XCTAssertThrowsError(try ResultStore.open(location: wrong)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("password authentication failed"), message)
            XCTAssertTrue(message.contains("PGPASSWORD or ~/.pgpass"), message)
            XCTAssertFalse(message.contains("not-the-password"), message)
        }
    }

    func testAStoreWhoseConnectionTheServerDroppedReconnectsAndKeepsTheNextTrial() throws {
        let url = try freshDatabase()
        let store = try ResultStore.open(location: url)
        let run = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "{}", startedAt: Date(),
                                     dlbenchCommit: nil)
        let machine = try store.recordMachine(runID: run, name: "m", fingerprint: StoreFixture.fingerprint())
        let caseID = try store.addCase(StoreFixture.newCase(runID: run, machineID: machine))
        let name = String(url.split(separator: "/").last ?? "")
        // What a server restart or a failover does to every open connection.
        try PostgreSQLTestServer.psql(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                      + "WHERE datname = '\(name)' AND pid <> pg_backend_pid()")
        try store.recordTrial(caseID: caseID, index: 0, startedAt: Date(), endedAt: Date(),
                              samples: [MetricSample(metric: "step_time", unit: "s", value: 1)])
        XCTAssertEqual(try store.caseResults(runID: run).first?.trialCount, 1)
    }

    func testANonexistentServerIsAClearError() throws {
        XCTAssertThrowsError(try ResultStore.open(location: "postgres://nobody@127.0.0.1:1/none?sslmode=disable")) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot connect to result database postgres://nobody@127.0.0.1:1/none"),
                          "\(error)")
        }
    }
}
