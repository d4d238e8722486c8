import GRDB
import XCTest
import Measurement
import ResultStore

/// The v3-kernel-profile migration: kernel breakdowns are stored with their trial, read back as medians over
/// trials, survive a merge, and a v2 file upgrades in place keeping its results.
final class ResultStoreKernelProfileTests: TemporaryDatabaseTestCase {
    private func runWithTwoCases(_ store: ResultStore, protocolText: String = "p") throws -> (run: Int64, cases: [Int64]) {
        let run = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: protocolText,
                                     startedAt: Date(timeIntervalSince1970: 1_700_000_000), dlbenchCommit: nil)
        let machine = try store.recordMachine(runID: run, name: "m", fingerprint: Self.fingerprint())
        let first = try store.addCase(newCase(runID: run, machineID: machine, engine: "eager"))
        let second = try store.addCase(newCase(runID: run, machineID: machine, engine: "fused"))
        return (run, [first, second])
    }

    private let step = MetricSample(metric: "step_time", unit: "ms", value: 1.5)

    private func profile(matmul: Double, update: Double) -> [KernelTime] {
        [KernelTime(kernel: "matmul → [4×8]", launchesPerStep: 2, nanosecondsPerStep: matmul),
         KernelTime(kernel: "sgd-update", launchesPerStep: 1, nanosecondsPerStep: update)]
    }

    func testKernelTimesRoundTripAsMediansOverTrialsInReplayOrder() throws {
        let store = try openStore()
        let (run, cases) = try runWithTwoCases(store)
        try store.recordTrial(caseID: cases[0], index: 0, startedAt: Date(), endedAt: Date(), samples: [step])
        for (trial, (matmul, update)) in [(1000.0, 30.0), (3000, 10), (2000, 20)].enumerated() {
            try store.recordTrial(caseID: cases[1], index: trial, startedAt: Date(), endedAt: Date(), samples: [step],
                                  kernelTimes: profile(matmul: matmul, update: update))
        }
        let profiles = try store.kernelProfiles(runID: run)
        XCTAssertEqual(profiles, [CaseKernelProfile(caseID: cases[1], trials: 3, kernels: profile(matmul: 2000, update: 20))],
                       "only the profiled case, each kernel's median over its 3 trials, first-launch order kept")
        XCTAssertEqual(profiles.first?.nanosecondsPerStep, 2020)
        XCTAssertEqual(try store.caseResults(runID: run)[1].series.first?.values.count, 3, "samples stored beside kernels")
    }

    func testAKernelMissingFromAProfiledTrialCountsAsNotRunThere() throws {
        let store = try openStore()
        let (run, cases) = try runWithTwoCases(store)
        try store.recordTrial(caseID: cases[1], index: 0, startedAt: Date(), endedAt: Date(), samples: [],
                              kernelTimes: profile(matmul: 100, update: 10))
        try store.recordTrial(caseID: cases[1], index: 1, startedAt: Date(), endedAt: Date(), samples: [],
                              kernelTimes: [KernelTime(kernel: "sgd-update", launchesPerStep: 1, nanosecondsPerStep: 30)])
        try store.recordTrial(caseID: cases[1], index: 2, startedAt: Date(), endedAt: Date(), samples: [],
                              kernelTimes: profile(matmul: 300, update: 20))
        let kernels = try XCTUnwrap(try store.kernelProfiles(runID: run).first).kernels
        XCTAssertEqual(kernels.map(\.nanosecondsPerStep), [100, 20], "median of (100, 0, 300) and of (10, 30, 20)")
        XCTAssertEqual(kernels.map(\.launchesPerStep), [2, 1])
    }

    func testNonFiniteKernelTimeIsRefusedAndLeavesNoPartialTrial() throws {
        let store = try openStore()
        let (run, cases) = try runWithTwoCases(store)
        let bad = [KernelTime(kernel: "gemm", launchesPerStep: 1, nanosecondsPerStep: .nan)]
        XCTAssertThrowsError(try store.recordTrial(caseID: cases[1], index: 0, startedAt: Date(), endedAt: Date(),
                                                   samples: [step], kernelTimes: bad)) { error in
            guard case .encoding? = error as? ResultStoreError else { return XCTFail("unexpected error \(error)") }
            XCTAssertTrue("\(error)".contains("kernel time of 'gemm' in trial 0"), "\(error)")
        }
        XCTAssertEqual(try store.caseResults(runID: run)[1].trialCount, 0)
        XCTAssertEqual(try store.kernelProfiles(runID: run), [])
    }

    func testVersionTwoFileUpgradesInPlaceKeepingItsResults() throws {
        var run: Int64 = 0
        var cases: [Int64] = []
        do {
            let store = try openStore()
            (run, cases) = try runWithTwoCases(store)
            try store.recordTrial(caseID: cases[0], index: 0, startedAt: Date(), endedAt: Date(), samples: [step])
        }
        // Turn the file back into what a v2 build wrote: no kernel_profiles table, v3 not applied.
        let queue = try DatabaseQueue(path: databasePath)
        try queue.write { db in
            try db.execute(sql: "DROP TABLE kernel_profiles")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3-kernel-profile'")
        }
        try queue.close()

        let store = try openStore()
        XCTAssertEqual(try store.appliedMigrations(), ["v1-initial", "v2-measurement", "v3-kernel-profile", "v4-run-pairs", "v5-fleet"])
        XCTAssertEqual(try store.caseResults(runID: run)[0].series.first?.values, [1.5], "v2 samples kept")
        try store.recordTrial(caseID: cases[1], index: 0, startedAt: Date(), endedAt: Date(), samples: [step],
                              kernelTimes: profile(matmul: 5, update: 1))
        XCTAssertEqual(try store.kernelProfiles(runID: run).map(\.kernels), [profile(matmul: 5, update: 1)])
    }

    func testMergeCopiesKernelProfilesWithTheirTrials() throws {
        let source = try ResultStore.temporary()
        let (run, cases) = try runWithTwoCases(source)
        for trial in 0..<2 {
            try source.recordTrial(caseID: cases[1], index: trial, startedAt: Date(), endedAt: Date(), samples: [step],
                                   kernelTimes: profile(matmul: 100 * Double(trial + 1), update: 10))
        }
        let target = try openStore()
        _ = try runWithTwoCases(target, protocolText: "other")  // a run already in the target shifts every id
        XCTAssertEqual(try target.merge(from: source.path), MergeSummary(runsAdded: 1))
        let merged = try XCTUnwrap(try target.runs().first { $0.protocolText == "p" })
        let profiles = try target.kernelProfiles(runID: merged.id)
        XCTAssertEqual(profiles.map(\.kernels), try source.kernelProfiles(runID: run).map(\.kernels))
        XCTAssertEqual(profiles.map(\.trials), [2])
        XCTAssertEqual(profiles.map(\.caseID), [try target.caseResults(runID: merged.id)[1].id], "trial ids remapped")
    }
}
