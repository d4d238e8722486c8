import XCTest
import Measurement
import ResultStore

/// Per-trial medians, the input of the trial-spread noise warning.
final class ResultStoreTrialMedianTests: TemporaryDatabaseTestCase {
    func testEachTrialsMedianComesBackInTrialOrderForCasesWithTheMetric() throws {
        let store = try openStore()
        let run = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "p",
                                     startedAt: Date(timeIntervalSince1970: 1_700_000_000), dlbenchCommit: nil)
        let machine = try store.recordMachine(runID: run, name: "m", fingerprint: Self.fingerprint())
        let timed = try store.addCase(newCase(runID: run, machineID: machine, engine: "fused"))
        let untimed = try store.addCase(newCase(runID: run, machineID: machine, engine: "eager"))
        let steps: [[Double]] = [[17, 16, 18], [29, 28, 30, 27], [24, 25, 23]]
        // Recorded out of order: trial order comes from the trial index, not insertion.
        for index in [2, 0, 1] {
            try store.recordTrial(caseID: timed, index: index, startedAt: Date(), endedAt: Date(),
                                  samples: steps[index].map { MetricSample(metric: "step_time", unit: "ms", value: $0) })
        }
        try store.recordTrial(caseID: untimed, index: 0, startedAt: Date(), endedAt: Date(),
                              samples: [MetricSample(metric: "final_loss", unit: "loss", value: 0.1)])
        let medians = try store.trialMedians(runID: run, metric: "step_time")
        XCTAssertEqual(medians, [timed: [17, 28.5, 24]])
    }
}
