import _TestSupport
import Foundation
import XCTest

/// `dlbench run --shard I/N --group KEY` into one PostgreSQL database, as a Slurm array or a Kubernetes Indexed
/// Job starts it: the shards together measure exactly the cases of one unsharded run, and the readers see them
/// as one.
final class ShardedRunTests: CommandLineTestCase {
    private var databases: [String] = []

    override func tearDownWithError() throws {
        databases.forEach(PostgreSQLTestServer.drop)
        try super.tearDownWithError()
    }

    /// Two tasks, two engines each: two slots (a task's engines always share a shard), one per shard.
    private let twoSlots = """
        {
          "name": "fleet",
          "machines": [{ "name": "cpu", "threads": 1 }],
          "datasets": [{ "name": "blobs", "kind": "gaussian-clusters", "features": 8, "classes": 3,
                         "trainSamples": 256, "testSamples": 64 }],
          "models": [{ "name": "mlp", "kind": "mlp", "hidden": [16] }],
          "engines": [{ "name": "eager", "kind": "eager" }, { "name": "fused", "kind": "fused" }],
          "tasks": [
            { "name": "small", "kind": "train", "model": "mlp", "dataset": "blobs", "batchSize": 16, "steps": 10,
              "optimizer": { "kind": "sgd", "lr": 0.1 } },
            { "name": "large", "kind": "train", "model": "mlp", "dataset": "blobs", "batchSize": 64, "steps": 10,
              "optimizer": { "kind": "sgd", "lr": 0.1 } }
          ],
          "repetition": { "warmupSteps": 1, "trials": 2 }
        }
        """

    func testTwoShardsStartedTogetherIntoOnePostgreSQLDatabaseReportExactlyTheCasesOfOneUnshardedRun() throws {
        let url = try PostgreSQLTestServer.freshDatabase()
        databases.append(url)
        let protocolPath = try write(twoSlots, to: "p.json")
        var shards: [Result?] = [nil, nil]
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = try? dlbench(["run", protocolPath, "--db", url, "--shard", "\(index + 1)/2", "--group", "nightly-1",
                                       "--quiet"])
            lock.lock()
            shards[index] = result
            lock.unlock()
        }
        for (index, shard) in shards.enumerated() {
            XCTAssertEqual(shard?.status, 0, "shard \(index + 1): \(shard?.errors ?? "did not start")")
        }
        let whole = try dlbench(["run", protocolPath, "--db", "whole.sqlite", "--quiet"])
        XCTAssertEqual(whole.status, 0, whole.errors)

        let grouped = try dlbench(["report", "--db", url, "--group", "nightly-1", "--format", "csv"])
        XCTAssertEqual(grouped.status, 0, grouped.errors)
        let unsharded = try dlbench(["report", "--db", "whole.sqlite", "--format", "csv"])
        XCTAssertEqual(caseKeys(grouped.output), caseKeys(unsharded.output))
        XCTAssertEqual(caseKeys(grouped.output).count, 4)
        XCTAssertEqual(Set(runColumn(grouped.output)).count, 2, "the report holds both shards' runs")
        for task in ["small", "large"] {
            XCTAssertEqual(Set(rows(grouped.output).filter { $0[2] == task }.map { $0[0] }).count, 1,
                           "task \(task)'s engines ran in one shard, side by side")
        }
        let latest = try dlbench(["report", "--db", url, "--format", "csv"])
        XCTAssertEqual(caseKeys(latest.output), caseKeys(unsharded.output), "the latest run comes with its group's other shards")

        let runs = try dlbench(["runs", "--db", url])
        XCTAssertEqual(runs.status, 0, runs.errors)
        let check = try dlbench(["check", "--db", url, "--baseline-db", "whole.sqlite", "--baseline-run", "1", "--verbose"])
        XCTAssertTrue([0, 1].contains(check.status), "check compared the group with the unsharded run: \(check.errors)")
        XCTAssertTrue(check.output.contains("eager") && check.output.contains("fused"), check.output)
        let compare = try dlbench(["compare", "1", "1", "--db", url, "--db-b", "whole.sqlite", "--all"])
        XCTAssertEqual(compare.status, 0, compare.errors)
        // The whole group against the unsharded run: every case on both sides, none missing.
        let groupCompare = try dlbench(["compare", "--group-a", "nightly-1", "1", "--db", url, "--db-b", "whole.sqlite", "--all"])
        XCTAssertEqual(groupCompare.status, 0, groupCompare.errors)
        XCTAssertFalse(groupCompare.output.contains("only in"), groupCompare.output)
        for task in ["small", "large"] { XCTAssertTrue(groupCompare.output.contains("\(task)/eager"), groupCompare.output) }
        let threeSides = try dlbench(["compare", "--group-a", "nightly-1", "1", "2", "--db", url])
        XCTAssertEqual(threeSides.status, 2)
        XCTAssertTrue(threeSides.errors.contains("give each side once"), threeSides.errors)
        let again = try dlbench(["run", protocolPath, "--db", url, "--shard", "1/2", "--group", "nightly-2", "--quiet"])
        XCTAssertEqual(again.status, 0, again.errors)
        let groups = try dlbench(["check", "--db", url, "--group", "nightly-2", "--baseline-group", "nightly-1", "--verbose"])
        XCTAssertTrue([0, 1].contains(groups.status), "check compared two groups: \(groups.errors)")
        XCTAssertTrue(groups.output.contains("missing") || groups.output.contains("large") || groups.output.contains("small"),
                      groups.output)
    }

    func testASIGTERMedRunIntoPostgreSQLIsMarkedInterruptedAndKeepsItsTrials() throws {
        let url = try PostgreSQLTestServer.freshDatabase()
        databases.append(url)
        let path = try write(protocolText(steps: 3000, trials: 200), to: "long.json")
        let result = try dlbench(["run", path, "--db", url]) { process in
            // Wait until the server holds a finished trial, then terminate as a CI runner's cancel would.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                if let report = try? self.dlbench(["report", "--db", url, "--format", "csv"]),
                   report.output.contains(",step_time,s,") { break }
                usleep(200_000)
            }
            kill(process.processIdentifier, SIGTERM)
        }
        XCTAssertEqual(result.status, 143, result.errors)
        let runs = try dlbench(["runs", "--db", url])
        XCTAssertTrue(runs.output.contains("interrupted"), runs.output)
        let report = try dlbench(["report", "--db", url, "--format", "csv"])
        XCTAssertTrue(report.output.contains(",step_time,s,"), "finished trials show in the report: \(report.output)")
        XCTAssertTrue(report.output.contains("SIGTERM"), report.output)
    }

    func testAShardWithoutAGroupAndABadShardAreUsageErrors() throws {
        let protocolPath = try write(protocolText(), to: "p.json")
        let noGroup = try dlbench(["run", protocolPath, "--db", "r.sqlite", "--shard", "1/2"])
        XCTAssertEqual(noGroup.status, 2, noGroup.errors)
        XCTAssertTrue(noGroup.errors.contains("--shard 1/2 needs --group KEY"), noGroup.errors)
        let outOfRange = try dlbench(["run", protocolPath, "--db", "r.sqlite", "--shard", "3/2", "--group", "g"])
        XCTAssertTrue(outOfRange.errors.contains("between 1 and the shard count (2)"), outOfRange.errors)
        let auto = try dlbench(["run", protocolPath, "--db", "r.sqlite", "--shard", "auto"],
                               environment: ["SLURM_ARRAY_TASK_ID": "", "JOB_COMPLETION_INDEX": ""])
        XCTAssertFalse(auto.status == 0, auto.errors)
    }

    func testAShardWithNoCaseRecordsNothingAndSucceeds() throws {
        let protocolPath = try write(protocolText(), to: "p.json")
        let empty = try dlbench(["run", protocolPath, "--db", "r.sqlite", "--shard", "2/2", "--group", "g"])
        XCTAssertEqual(empty.status, 0, empty.errors)
        XCTAssertTrue(empty.errors.contains("shard 2/2 of \(protocolPath) has no case"), empty.errors)
    }

    /// machine, task, engine and batch size of every row: the cases a report holds.
    private func caseKeys(_ csv: String) -> Set<String> {
        Set(rows(csv).map { [$0[1], $0[2], $0[4], $0[7]].joined(separator: "|") })
    }

    private func runColumn(_ csv: String) -> [String] { rows(csv).map { $0[0] } }

    /// Data rows of a report's CSV (no field of these has a comma or quote).
    private func rows(_ csv: String) -> [[String]] {
        csv.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}
