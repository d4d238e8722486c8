import _TestSupport
import Foundation
import ProtocolModel
import Reports
import ResultStore
@testable import Runner
@testable import TrialExecution
import XCTest

/// `--baseline-binary`: two builds run the same cases round by round into a recorded pair of runs, and the
/// comparison pairs trials by round; a case that fails on one build is a failed check, not a silent pass.
final class InterleavedBuildTests: RunnerTestCase {
    private func dlbenchBinary() throws -> String { try BuiltProducts.requireDlbench() }

    func testBothBuildsRunEveryRoundIntoAPairOfRunsThatCheckPairsByRound() throws {
        let executable = try dlbenchBinary()
        let worker = WorkerCommand(executable: executable, arguments: ["worker"])
        let text = protocolText(trials: 3)
        let benchmark = try ProtocolLoader.decode(text, file: "tiny.json")
        let outcome = try BenchmarkRunner(store: store, isolation: .worker(worker), baselineWorker: worker)
            .run(benchmark, protocolPath: "tiny.json", protocolText: text)
        XCTAssertEqual(outcome.status, .completed)
        let pair = try XCTUnwrap(try store.pair(containing: outcome.runID))
        XCTAssertEqual(pair.candidateRunID, outcome.runID)
        XCTAssertEqual(pair.baselineBinary, executable)
        for runID in [pair.baselineRunID, pair.candidateRunID] {
            let cases = try store.caseResults(runID: runID)
            XCTAssertEqual(cases.count, 3)
            XCTAssertTrue(cases.allSatisfy { $0.status == .succeeded && $0.trialCount == 3 },
                          cases.map { "\($0.status) \($0.message ?? "")" }.joined(separator: "; "))
        }
        let baseline = try ReportBuilder.rows(from: store, runID: pair.baselineRunID)
        let candidate = try ReportBuilder.rows(from: store, runID: pair.candidateRunID)
        let comparison = RunComparison(baseline: baseline, candidate: candidate, paired: true)
        let stepTime = try XCTUnwrap(comparison.rows.first { $0.key.metric == "step_time" })
        XCTAssertEqual(stepTime.comparison.design, .paired)
        XCTAssertEqual(stepTime.comparison.replication, "3×40 vs 3×40")
    }

    func testACaseThatFailsOnTheBaselineBuildClosesBothSides() throws {
        let executable = try dlbenchBinary()
        let text = protocolText(trials: 2)
        let benchmark = try ProtocolLoader.decode(text, file: "tiny.json")
        let broken = WorkerCommand(executable: "/nonexistent/dlbench-main", arguments: ["worker"])
        let outcome = try BenchmarkRunner(store: store, isolation: .worker(WorkerCommand(executable: executable,
                                                                                         arguments: ["worker"])),
                                          baselineWorker: broken)
            .run(benchmark, protocolPath: "tiny.json", protocolText: text)
        let pair = try XCTUnwrap(try store.pair(containing: outcome.runID))
        XCTAssertTrue(try store.caseResults(runID: pair.baselineRunID).allSatisfy { $0.status == .failed })
        let candidateCases = try store.caseResults(runID: pair.candidateRunID)
        XCTAssertTrue(candidateCases.allSatisfy { $0.status == .failed && ($0.message ?? "").contains("other build") },
                      candidateCases.map { "\($0.status) \($0.message ?? "")" }.joined(separator: "; "))
        XCTAssertEqual(outcome.status, .completed, "the run itself ends normally, every case accounted for")
    }

    func testEveryEngineOfARoundFacesTheSameArrivalSchedule() throws {
        let text = protocolText(trials: 1).replacingOccurrences(
            of: #""engines": [{ "name": "eager", "kind": "eager" }]"#,
            with: #""engines": [{ "name": "eager", "kind": "eager" }, { "name": "fused", "kind": "fused" }]"#)
        let benchmark = try ProtocolLoader.decode(text, file: "tiny.json")
        let cases = CasePlanner.plan(benchmark).filter { $0.task.name == "infer" && $0.batchSize == 1 }
        XCTAssertEqual(cases.map(\.engine.name), ["eager", "fused"])
        let dataset = try WorkloadFactory.dataset(for: cases[0], in: benchmark)
        let seeds = cases.map { TrialExecutor(benchmark: benchmark, plannedCase: $0, dataset: dataset, trialIndex: 2).trialSeed }
        XCTAssertEqual(seeds[0], seeds[1])
        XCTAssertNotEqual(seeds[0], TrialExecutor(benchmark: benchmark, plannedCase: cases[0], dataset: dataset,
                                                  trialIndex: 3).trialSeed)
    }
}
