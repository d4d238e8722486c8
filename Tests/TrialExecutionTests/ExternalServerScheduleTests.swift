import Measurement
import ProtocolModel
@testable import TrialExecution
import XCTest

/// An external worker serves exactly the arrivals dlbench's own engines face in the same trial: the measured run's
/// schedule is the one `TrialExecutor+Server` draws (probe 0), and each probe of the rate search, sent at one query
/// per second, scales to that probe's schedule at the rate the worker tries.
final class ExternalServerScheduleTests: XCTestCase {
    private func serverCase(search: Bool) throws -> (BenchmarkProtocol, PlannedCase, InferSpec, ServerSettings) {
        let text = """
        {
          "name": "serve", "seed": 7,
          "machines": [{ "name": "cpu", "threads": 1 }],
          "datasets": [{ "name": "blobs", "kind": "gaussian-clusters", "features": 4, "classes": 2, "trainSamples": 32, "testSamples": 16 }],
          "models": [{ "name": "mlp", "kind": "mlp", "hidden": [3] }],
          "engines": [{ "name": "eager", "kind": "eager" }],
          "tasks": [{ "name": "serve", "kind": "infer", "model": "mlp", "dataset": "blobs", "batchSizes": [1], "iterations": 50,
                      "scenario": "server", "targetRate": 300, "latencyBoundMs": 5, "searchHighestRate": \(search) }]
        }
        """
        let benchmark = try ProtocolLoader.decode(text, file: "serve.json")
        let plannedCase = try XCTUnwrap(CasePlanner.plan(benchmark).first)
        guard case let .infer(spec) = plannedCase.task.workload, let settings = spec.server else {
            struct NotAServerTask: Error {}
            throw NotAServerTask()
        }
        return (benchmark, plannedCase, spec, settings)
    }

    func testTheMeasuredArrivalsAreTheScheduleDlbenchsOwnEnginesServeInThatTrial() throws {
        let (benchmark, plannedCase, spec, settings) = try serverCase(search: false)
        for trial in 0..<3 {
            let server = ExternalServerSchedule.server(benchmark: benchmark, plannedCase: plannedCase, trialIndex: trial,
                                                       spec: spec, settings: settings, wantsRateSearch: true)
            let seed = TrialExecutor.trialSeed(benchmark: benchmark, plannedCase: plannedCase, trialIndex: trial)
            XCTAssertEqual(server.arrivalNanoseconds,
                           ArrivalSchedule.poisson(rate: 300, count: 50, seed: SplitMix64.derivedSeed(seed, 0)))
            XCTAssertEqual(server.latencyBoundMs, 5)
            XCTAssertFalse(server.searchHighestRate, "the task does not ask for the search")
            XCTAssertTrue(server.probeUnitArrivals.isEmpty)
        }
    }

    func testEachProbeScheduleScaledByItsRateIsThatProbesPoissonSchedule() throws {
        let (benchmark, plannedCase, spec, settings) = try serverCase(search: true)
        let server = ExternalServerSchedule.server(benchmark: benchmark, plannedCase: plannedCase, trialIndex: 1,
                                                   spec: spec, settings: settings, wantsRateSearch: true)
        XCTAssertTrue(server.searchHighestRate)
        XCTAssertEqual(server.probeUnitArrivals.count, TrialExecutor.rateSearchDoublings + TrialExecutor.rateSearchBisections)
        let seed = TrialExecutor.trialSeed(benchmark: benchmark, plannedCase: plannedCase, trialIndex: 1)
        for (index, unit) in server.probeUnitArrivals.enumerated() {
            let rate = 600.0 * Double(index + 1)
            let expected = ArrivalSchedule.poisson(rate: rate, count: 50, seed: SplitMix64.derivedSeed(seed, UInt64(index + 1)))
            XCTAssertEqual(unit.count, 50)
            for (seconds, nanoseconds) in zip(unit, expected) {
                XCTAssertEqual((seconds / rate * 1e9).rounded(), Double(nanoseconds), accuracy: 2, "probe \(index + 1)")
            }
        }
        let withoutMetric = ExternalServerSchedule.server(benchmark: benchmark, plannedCase: plannedCase, trialIndex: 1,
                                                          spec: spec, settings: settings, wantsRateSearch: false)
        XCTAssertTrue(withoutMetric.probeUnitArrivals.isEmpty, "no schedules when max_rate_within_bound is not measured")
    }
}
