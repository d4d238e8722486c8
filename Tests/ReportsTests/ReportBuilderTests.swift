import XCTest
import Measurement
import ResultStore
@testable import Reports

final class ReportBuilderTests: XCTestCase {
    /// A failed case keeps the trials it finished (nothing measured is hidden); one that finished none is one row.
    func testOneRowPerCaseAndMetricAndFailedCasesKeepTheirFinishedTrials() throws {
        let store = try ResultStore.inMemory()
        let run = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "p", startedAt: Date(),
                                     dlbenchCommit: nil)
        let machine = try store.recordMachine(runID: run, name: "cpu-4", fingerprint: ReportFixtures.fingerprint())
        func addCase(_ engine: String) throws -> Int64 {
            try store.addCase(NewCase(runID: run, machineID: machine, task: "mnist-train", taskKind: "train",
                                      engine: engine, engineKind: engine, model: "mlp", dataset: "mnist",
                                      batchSize: 64, configJSON: "{}"))
        }
        let eager = try addCase("eager")
        for trial in 0..<2 {
            try store.recordTrial(caseID: eager, index: trial, startedAt: Date(), endedAt: Date(), samples: [
                MetricSample(metric: "step_time", unit: "s", value: Double(trial * 2 + 1)),
                MetricSample(metric: "step_time", unit: "s", value: Double(trial * 2 + 2)),
                MetricSample(metric: "final_loss", unit: "1", value: 0.5),
            ])
        }
        try store.finishCase(caseID: eager, status: .succeeded, message: nil)
        let failed = try addCase("opencl")
        try store.recordTrial(caseID: failed, index: 0, startedAt: Date(), endedAt: Date(),
                              samples: [MetricSample(metric: "step_time", unit: "s", value: 9)])
        try store.finishCase(caseID: failed, status: .failed, message: "trial 2: crashed")
        let empty = try addCase("fused")
        try store.finishCase(caseID: empty, status: .failed, message: "diverged from eager")

        let rows = try ReportBuilder.rows(from: store, runID: run)
        XCTAssertEqual(rows.map(\.metric), ["step_time", "final_loss", "step_time", ""])
        XCTAssertEqual(rows[0].n, 4)
        XCTAssertEqual(rows[0].median, 2.5)
        XCTAssertEqual(rows[0].min, 1)
        XCTAssertEqual(rows[0].max, 4)
        XCTAssertEqual(try XCTUnwrap(rows[0].p10), 1.3, accuracy: 1e-12)
        XCTAssertEqual(rows[0].machine, "cpu-4")
        XCTAssertEqual(rows[0].caseStatus, "succeeded")
        XCTAssertEqual(rows[2].caseStatus, "failed")
        XCTAssertEqual(rows[2].message, "trial 2: crashed")
        XCTAssertEqual(rows[2].median, 9)
        XCTAssertEqual(rows[2].n, 1)
        XCTAssertEqual(rows[3].caseStatus, "failed")
        XCTAssertEqual(rows[3].message, "diverged from eager")
        XCTAssertNil(rows[3].median)
        XCTAssertEqual(rows[3].n, 0)
    }
}
