import Foundation
import Measurement
import ProtocolModel
import ResultStore
import Runner
import TrialExecution
import XCTest
import _TestSupport

/// Interleaved order, the stopping rule, time to target and the inference scenarios, end to end in-process.
final class RepetitionAndScenarioTests: RunnerTestCase {
    private func text(tasks: String, repetition: String, metrics: String? = nil) -> String {
        """
        {
          "name": "policy",
          "machines": [{ "name": "cpu", "threads": 1 }],
          "datasets": [{ "name": "blobs", "kind": "gaussian-clusters", "features": 8, "classes": 3,
                         "trainSamples": 256, "testSamples": 128, "noise": 0.5 }],
          "models": [{ "name": "mlp", "kind": "mlp", "hidden": [16] }],
          "engines": [{ "name": "eager", "kind": "eager" }, { "name": "eager-too", "kind": "eager" }],
          "tasks": [\(tasks)],
          \(metrics.map { "\"metrics\": \($0)," } ?? "")
          "repetition": \(repetition)
        }
        """
    }

    private let inferTask = #"{ "name": "infer", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [1, 4], "iterations": 10 }"#

    func testTrialOrderIsAReproduciblePermutationThatChangesByRound() {
        let cases = Array(0..<8)
        let first = TrialOrder.round(0, of: cases, seed: 42)
        XCTAssertEqual(first, TrialOrder.round(0, of: cases, seed: 42))
        XCTAssertEqual(first.sorted(), cases)
        let rounds = (0..<6).map { TrialOrder.round($0, of: cases, seed: 42) }
        XCTAssertGreaterThan(Set(rounds).count, 1, "rounds are shuffled independently")
        XCTAssertNotEqual(rounds, (0..<6).map { TrialOrder.round($0, of: cases, seed: 43) })
    }

    func testStoredOrderOfEveryRoundIsTheSeededPermutation() throws {
        let protocolText = text(tasks: inferTask, repetition: #"{ "warmupSteps": 1, "trials": 3 }"#)
        let outcome = try run(protocolText)
        let caseIDs = try store.caseResults(runID: outcome.runID).map(\.id)
        let stored = try store.trialOrder(runID: outcome.runID)
        XCTAssertEqual(stored.count, 3)
        for (round, order) in stored.enumerated() {
            XCTAssertEqual(order, TrialOrder.round(round, of: Array(caseIDs.indices), seed: 42).map { caseIDs[$0] })
        }
        XCTAssertEqual(try store.measurement(runID: outcome.runID)?.orderSeed, 42)
        XCTAssertGreaterThan(try store.measurement(runID: outcome.runID)?.harnessOverheadNanoseconds ?? 0, 0)
    }

    func testCasesWithANarrowEnoughIntervalStopAtMinTrials() throws {
        let protocolText = text(tasks: inferTask, repetition: """
            { "warmupSteps": 1, "minTrials": 2, "maxTrials": 10, "targetRelativeCIWidth": 100 }
            """)
        let outcome = try run(protocolText)
        XCTAssertTrue(try store.caseResults(runID: outcome.runID).allSatisfy { $0.trialCount == 2 })
        XCTAssertTrue(outcome.stoppingReason.contains("settled"), outcome.stoppingReason)
    }

    func testUnreachableIntervalRunsToMaxTrials() throws {
        let protocolText = text(tasks: inferTask, repetition: """
            { "warmupSteps": 1, "minTrials": 1, "maxTrials": 3, "targetRelativeCIWidth": 0.000001 }
            """)
        let outcome = try run(protocolText)
        XCTAssertTrue(try store.caseResults(runID: outcome.runID).allSatisfy { $0.trialCount == 3 })
    }

    private func trainTask(target: Double) -> String {
        """
        { "name": "train", "kind": "train", "model": "mlp", "dataset": "blobs", "batchSize": 32, "steps": 60,
          "engines": ["eager"], "optimizer": { "kind": "sgd", "lr": 0.1, "momentum": 0.9 },
          "target": { "metric": "test_accuracy", "value": \(target), "evaluateEvery": 5 } }
        """
    }

    private func series(_ runID: Int64, _ metric: String) throws -> [Double] {
        try store.caseResults(runID: runID).first?.series.first { $0.metric == metric }?.values ?? []
    }

    func testTimeToTargetOnATaskThatConverges() throws {
        let outcome = try run(text(tasks: trainTask(target: 0.9), repetition: #"{ "warmupSteps": 2, "trials": 2 }"#))
        XCTAssertEqual(try series(outcome.runID, "target_reached"), [1, 1])
        let times = try series(outcome.runID, "time_to_target")
        XCTAssertEqual(times.count, 2)
        XCTAssertTrue(times.allSatisfy { $0.isFinite && $0 > 0 }, "\(times)")
        XCTAssertTrue(try series(outcome.runID, "evaluation_time").allSatisfy { $0 > 0 })
        XCTAssertEqual(try series(outcome.runID, "time_to_first_step").count, 2)
    }

    func testTaskThatCannotReachItsTargetIsNotConvergedRatherThanFast() throws {
        let outcome = try run(text(tasks: trainTask(target: 1.01), repetition: #"{ "warmupSteps": 2, "trials": 2 }"#))
        XCTAssertEqual(try series(outcome.runID, "target_reached"), [0, 0])
        XCTAssertEqual(try series(outcome.runID, "time_to_target"), [.infinity, .infinity])
        XCTAssertEqual(try store.caseResults(runID: outcome.runID).first?.status, .succeeded)
    }

    func testPoissonScheduleIsReproducibleWithTheRequestedMeanRate() {
        let schedule = ArrivalSchedule.poisson(rate: 1000, count: 20_000, seed: 5)
        XCTAssertEqual(schedule, ArrivalSchedule.poisson(rate: 1000, count: 20_000, seed: 5))
        XCTAssertNotEqual(schedule, ArrivalSchedule.poisson(rate: 1000, count: 20_000, seed: 6))
        XCTAssertEqual(schedule, schedule.sorted())
        let meanGapSeconds = Double(schedule.last ?? 0) / 1e9 / Double(schedule.count)
        assertAllClose(meanGapSeconds, 1e-3, relative: 0.03, absolute: 0, "mean gap of a 1000/s Poisson process")
        // Exponential gaps: standard deviation equals the mean.
        let gaps = zip(schedule.dropFirst(), schedule).map { Double($0 - $1) / 1e9 }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        let deviation = (gaps.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(gaps.count - 1)).squareRoot()
        assertAllClose(deviation, mean, relative: 0.05, absolute: 0)
    }

    func testServerAndOfflineScenariosReportTheirMetrics() throws {
        let tasks = """
            { "name": "serve", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [1], "engines": ["eager"],
              "scenario": "server", "targetRate": 400, "latencyBoundMs": 50, "iterations": 40, "searchHighestRate": true },
            { "name": "batch", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [16], "engines": ["eager"],
              "scenario": "offline", "iterations": 30 }
            """
        let outcome = try run(text(tasks: tasks, repetition: #"{ "warmupSteps": 2, "trials": 1 }"#))
        let cases = Dictionary(uniqueKeysWithValues: try store.caseResults(runID: outcome.runID).map { ($0.task, $0) })
        let serve = try XCTUnwrap(cases["serve"])
        XCTAssertEqual(serve.status, .succeeded, serve.message ?? "")
        func values(_ result: CaseResult, _ metric: String) -> [Double] {
            result.series.first { $0.metric == metric }?.values ?? []
        }
        XCTAssertEqual(values(serve, "latency").count, 40)
        XCTAssertEqual(values(serve, "latency_bound_met"), [1], "a tiny MLP meets 50 ms at 400 queries/s")
        // A tiny MLP may meet 50 ms at every rate the search tries: then the limit is said, not stored as a rate.
        if let rate = values(serve, "max_rate_within_bound").first {
            XCTAssertGreaterThanOrEqual(rate, 400)
        } else {
            XCTAssertTrue(try store.warnings(runID: outcome.runID).contains { $0.kind == "measurement-limit" })
        }
        XCTAssertEqual(values(serve, "latency_p99").count, 1)
        let batch = try XCTUnwrap(cases["batch"])
        XCTAssertTrue(values(batch, "latency").isEmpty, "offline reports throughput, not per-query latency")
        XCTAssertGreaterThan(values(batch, "samples_per_second").first ?? 0, 0)
        XCTAssertEqual(values(batch, "allocations_per_step").count, 1)
    }
}
