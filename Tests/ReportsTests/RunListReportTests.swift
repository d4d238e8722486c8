import XCTest
import ResultStore
@testable import Reports

final class RunListReportTests: XCTestCase {
    func testRunListShowsDurationStatusAndCounts() throws {
        let store = try ResultStore.inMemory()
        let start = Date(timeIntervalSince1970: 1_700_000_000) // 2023-11-14 22:13:20 UTC
        let finished = try store.beginRun(protocolName: "quickstart", protocolPath: "q.json", protocolText: "q",
                                          startedAt: start, dlbenchCommit: nil)
        let machine = try store.recordMachine(runID: finished, name: "m", fingerprint: ReportFixtures.fingerprint())
        for (engine, status) in [("eager", CaseStatus.succeeded), ("traced", .succeeded), ("opencl", .skipped)] {
            let caseID = try store.addCase(NewCase(runID: finished, machineID: machine, task: "t", taskKind: "train",
                                                   engine: engine, engineKind: engine, model: "mlp", dataset: "d",
                                                   batchSize: 8, configJSON: "{}"))
            try store.finishCase(caseID: caseID, status: status, message: nil)
        }
        try store.finishRun(runID: finished, status: .completed, endedAt: start.addingTimeInterval(185))
        _ = try store.beginRun(protocolName: "longer-name", protocolPath: "l.json", protocolText: "l",
                               startedAt: start.addingTimeInterval(3600), dlbenchCommit: nil)

        let text = RunListReport.render(try store.runs())
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, text)
        XCTAssertEqual(Set(lines.map(\.count)).count, 1, "ragged table:\n\(text)")
        XCTAssertTrue(lines[2].hasPrefix(" 2  longer-name  2023-11-14 23:13:20"), lines[2])
        XCTAssertTrue(lines[2].contains("running"), lines[2])
        XCTAssertTrue(lines[3].contains("quickstart   2023-11-14 22:13:20"), lines[3])
        XCTAssertTrue(lines[3].contains("3m05s  completed"), lines[3])
        XCTAssertTrue(lines[3].hasSuffix("2       0        1"), lines[3])
    }

    func testEmptyHistoryExplainsWhatToDo() {
        XCTAssertTrue(RunListReport.render([]).contains("dlbench run"))
    }

    func testDurationFormats() {
        XCTAssertEqual(RunListReport.duration(12.34), "12.3s")
        XCTAssertEqual(RunListReport.duration(185), "3m05s")
        XCTAssertEqual(RunListReport.duration(3720), "1h02m")
    }
}
