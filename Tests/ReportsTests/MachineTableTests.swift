import XCTest
import Measurement
import ResultStore
@testable import Reports

/// `report --machines`: each machine's latest run of the protocol, side by side, told apart by identity.
final class MachineTableTests: XCTestCase {
    /// Two hosts that a protocol both calls "cpu", one twice as fast; a third, older run of the slow host.
    private func store() throws -> ResultStore {
        let store = try ResultStore.inMemory()
        for (offset, model, seconds) in [(0.0, "Slow CPU", 0.002), (10.0, "Slow CPU", 0.004), (20.0, "Fast CPU", 0.001)] {
            let run = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "same protocol",
                                         startedAt: Date(timeIntervalSince1970: 1_700_000_000 + offset), dlbenchCommit: nil)
            var fingerprint = ReportFixtures.fingerprint()
            fingerprint.cpuModel = model
            let machine = try store.recordMachine(runID: run, name: "cpu", fingerprint: fingerprint)
            let caseID = try store.addCase(NewCase(runID: run, machineID: machine, task: "train", taskKind: "train",
                                                   engine: "fused", engineKind: "fused", model: "mlp", dataset: "d",
                                                   batchSize: 64, configJSON: "{}"))
            for trial in 0..<4 {
                try store.recordTrial(caseID: caseID, index: trial, startedAt: Date(), endedAt: Date(), samples: (0..<3).map {
                    MetricSample(metric: "step_time", unit: "s", value: seconds * (1 + 0.01 * Double(trial + $0)))
                })
            }
            try store.finishCase(caseID: caseID, status: .succeeded, message: nil)
            try store.finishRun(runID: run, status: .completed, endedAt: Date())
        }
        return store
    }

    func testTheLatestRunOfEveryOtherMachineJoinsAndMachinesWithOneNameAreToldApart() throws {
        let selection = try ReportSelection.loadAcrossMachines(from: try store())
        XCTAssertEqual(selection.runs.map(\.id), [3, 2], "the latest run, then the other machine's latest (not run 1)")
        let table = MachineTable(rows: selection.rows)
        XCTAssertEqual(table.machines.count, 2)
        XCTAssertTrue(table.machines.allSatisfy { $0.label.hasPrefix("cpu · ") }, "\(table.machines.map(\.label))")
        XCTAssertNotEqual(table.machines[0].label, table.machines[1].label)
        let line = try XCTUnwrap(table.lines.first)
        XCTAssertEqual(line.label, "train · fused · b64")
        XCTAssertEqual(line.cells[0].speedup, 1)
        XCTAssertEqual(try XCTUnwrap(line.cells[1].speedup), 0.25, accuracy: 0.01, "the slow host takes 4× as long")
        let interval = try XCTUnwrap(line.cells[1].speedupInterval)
        XCTAssertTrue(interval.lower < 0.25 && 0.25 < interval.upper)
        let text = MachineReport.table(table)
        XCTAssertTrue(text.contains("1.025 ms (reference)"), text)
        XCTAssertTrue(text.contains("4.100 ms · 0.250× [0.24–0.26]"), text)
    }

    func testOneMachineSaysHowToGetMore() throws {
        let store = try ResultStore.inMemory()
        let run = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "x", startedAt: Date(),
                                     dlbenchCommit: nil)
        _ = try store.recordMachine(runID: run, name: "cpu", fingerprint: ReportFixtures.fingerprint())
        let table = MachineTable(rows: try ReportSelection.loadAcrossMachines(from: store).rows)
        XCTAssertTrue(MachineReport.table(table).hasPrefix("only one machine in these runs"))
    }
}
