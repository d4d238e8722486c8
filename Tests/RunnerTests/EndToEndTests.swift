import Foundation
import Reports
import ResultStore
import Runner
import TrialExecution
import XCTest

final class EndToEndTests: RunnerTestCase {
    func testTinyProtocolRunsIntoDatabaseAndComesOutAsParseableCSV() throws {
        let outcome = try run(protocolText())
        XCTAssertEqual(outcome.status, .completed)
        let csv = CSVReport.render(try ReportBuilder.rows(from: store, runID: outcome.runID))
        let records = CSVTestParser.parse(csv)
        let header = try XCTUnwrap(records.first)
        XCTAssertEqual(Array(header.prefix(4)), ["run", "machine", "task", "task_kind"])
        let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        // train: one case; infer: one case per batch size.
        XCTAssertEqual(Set(rows.map { "\($0["task"]!)/\($0["batch_size"]!)" }), ["train/32", "infer/1", "infer/16"])
        XCTAssertTrue(rows.allSatisfy { $0["status"] == "succeeded" })

        let stepTime = try XCTUnwrap(rows.first { $0["task"] == "train" && $0["metric"] == "step_time" })
        XCTAssertEqual(stepTime["n"], "80", "2 trials × 40 measured steps, warm-up excluded")
        XCTAssertGreaterThan(Double(stepTime["median"] ?? "") ?? 0, 0)
        let accuracy = try XCTUnwrap(rows.first { $0["task"] == "train" && $0["metric"] == "test_accuracy" })
        XCTAssertGreaterThan(Double(accuracy["median"] ?? "") ?? 0, 0.6, "3 separable classes: well above chance (1/3)")
        let latency = try XCTUnwrap(rows.first { $0["task"] == "infer" && $0["batch_size"] == "16" && $0["metric"] == "latency" })
        XCTAssertEqual(latency["n"], "40")
    }

    func testFailingCaseIsRecordedAndOtherCasesKeepTheirResults() throws {
        let diverging = """
        , { "name": "explode", "kind": "train", "model": "mlp", "dataset": "blobs", "batchSize": 32, "steps": 200,
            "optimizer": { "kind": "sgd", "lr": 1e30 } }
        """
        var failures: [String] = []
        let outcome = try run(protocolText(extraTasks: diverging)) { event in
            if case let .caseFailed(plannedCase, _) = event { failures.append(plannedCase.task.name) }
        }
        XCTAssertEqual(outcome.status, .completed)
        XCTAssertEqual(failures, ["explode"])
        let cases = try store.caseResults(runID: outcome.runID)
        let exploded = try XCTUnwrap(cases.first { $0.task == "explode" })
        XCTAssertEqual(exploded.status, .failed)
        XCTAssertTrue(exploded.message?.contains("diverged") ?? false, exploded.message ?? "")
        let train = try XCTUnwrap(cases.first { $0.task == "train" })
        XCTAssertEqual(train.status, .succeeded)
        XCTAssertEqual(train.trialCount, 2)
    }

    func testInterruptedRunIsMarkedAndKeepsFinishedTrials() throws {
        var finishedTrials = 0
        let outcome = try run(protocolText(trials: 3)) { event in
            if case .trialFinished = event {
                finishedTrials += 1
                if finishedTrials == 4 { InterruptMonitor.setRequested(true) }
            }
        }
        XCTAssertEqual(outcome.status, .interrupted)
        XCTAssertEqual(try store.run(id: outcome.runID)?.status, .interrupted)
        let cases = try store.caseResults(runID: outcome.runID)
        XCTAssertEqual(cases.reduce(0) { $0 + $1.trialCount }, 4, "every trial finished before Ctrl-C is stored")
        XCTAssertTrue(cases.allSatisfy { $0.status == .failed })
        // …and shows in the report: numbers from the finished trials, the status saying why the case is incomplete.
        let rows = try ReportBuilder.rows(from: store, runID: outcome.runID)
        let stepTime = try XCTUnwrap(rows.first { $0.task == "train" && $0.metric == "step_time" })
        XCTAssertGreaterThan(stepTime.n, 0)
        XCTAssertNotNil(stepTime.trialEstimate())
        XCTAssertEqual(stepTime.caseStatus, "failed")
        XCTAssertTrue(rows.allSatisfy { ($0.message ?? "").contains("interrupt") }, rows.compactMap(\.message).joined(separator: "; "))
    }

    /// SIGTERM (a CI cancel, a scheduler's time limit) ends a run like Ctrl-C, and the reason names the signal.
    func testSIGTERMIsAnInterruptionThatNamesItsSignal() throws {
        let outcome = try run(protocolText(trials: 3)) { event in
            if case .trialFinished = event { InterruptMonitor.setRequested(true, signal: SIGTERM) }
        }
        XCTAssertEqual(outcome.status, .interrupted)
        XCTAssertEqual(InterruptMonitor.exitStatus, 143)
        let messages = try store.caseResults(runID: outcome.runID).compactMap(\.message)
        XCTAssertTrue(messages.contains { $0.contains("SIGTERM") }, messages.joined(separator: "; "))
    }

    func testSameSeedGivesSameFinalLossAcrossRuns() throws {
        let first = try run(protocolText(trials: 1))
        let second = try run(protocolText(trials: 1))
        func finalLoss(_ runID: Int64) throws -> [Double] {
            try store.caseResults(runID: runID).first { $0.task == "train" }?.series.first { $0.metric == "final_loss" }?.values ?? []
        }
        XCTAssertEqual(try finalLoss(first.runID), try finalLoss(second.runID))
        XCTAssertFalse(try finalLoss(first.runID).isEmpty)
    }
}

/// A minimal RFC 4180 reader for checking CSV output (quoted fields, doubled quotes, CRLF).
enum CSVTestParser {
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(character) }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\r\n", "\n", "\r":
                record.append(field); records.append(record); record = []; field = ""
            default: field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
