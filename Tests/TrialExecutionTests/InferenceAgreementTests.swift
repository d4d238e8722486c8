import Measurement
import ProtocolModel
@testable import TrialExecution
import XCTest

/// Every engine's inference outputs are checked against eager's in a case's first trial, in-process engines as
/// well as external workers: the largest relative difference (`deviation_from_eager`, which fails the case beyond
/// the tolerance) and the smallest cosine similarity of a row (`cosine_to_eager`, how embeddings are compared).
final class InferenceAgreementTests: XCTestCase {
    func testTheSmallestRowCosineFindsTheWorstRow() throws {
        let eager: [[Double]] = [[1, 0, 0, 2], [3, 4, 0, 0]]
        XCTAssertEqual(try XCTUnwrap(AgreementCheck.smallestRowCosine(eager, eager, rows: 2, batches: 2)), 1, accuracy: 1e-12)
        let scaled: [[Double]] = [[2, 0, 0, 4], [6, 8, 0, 0]]   // same directions: cosine 1
        XCTAssertEqual(try XCTUnwrap(AgreementCheck.smallestRowCosine(scaled, eager, rows: 2, batches: 2)), 1, accuracy: 1e-12)
        let turned: [[Double]] = [[1, 0, 0, 2], [0, 0, 3, 4]]   // the second batch's second row is orthogonal
        XCTAssertEqual(try XCTUnwrap(AgreementCheck.smallestRowCosine(turned, eager, rows: 2, batches: 2)), 0, accuracy: 1e-12)
        let flipped: [[Double]] = [[-1, 0, 0, -2], [3, 4, 0, 0]]
        XCTAssertEqual(try XCTUnwrap(AgreementCheck.smallestRowCosine(flipped, eager, rows: 2, batches: 1)), -1, accuracy: 1e-12)
        XCTAssertNil(AgreementCheck.smallestRowCosine(eager, eager, rows: 3, batches: 2), "4 values do not split into 3 rows")
    }

    func testBothMetricsAreRecordedAndADisagreementNamesTheFigures() throws {
        let eager: [[Double]] = [[1, 2, 3, 4]]
        let close: [[Double]] = [[1, 2, 3, 4.0001]]
        let samples = try AgreementCheck.logitSamples(close, reference: eager, engine: "fused", policy: AgreementPolicy(),
                                                      rows: 2, metrics: [.deviationFromEager, .cosineToEager])
        XCTAssertEqual(samples.map(\.metric), ["deviation_from_eager", "cosine_to_eager"])
        XCTAssertEqual(samples[0].value, 0.0001 / 4, accuracy: 1e-9)
        XCTAssertGreaterThan(samples[1].value, 0.999_999)
        XCTAssertEqual(try AgreementCheck.logitSamples(close, reference: eager, engine: "fused", policy: AgreementPolicy(),
                                                       rows: 2, metrics: []).count, 0)
        let far: [[Double]] = [[1, 2, 3, 5]]
        XCTAssertThrowsError(try AgreementCheck.logitSamples(far, reference: eager, engine: "fused", policy: AgreementPolicy(),
                                                             rows: 2, metrics: [])) { error in
            XCTAssertTrue("\(error)".contains("fused"), "\(error)")
            XCTAssertTrue("\(error)".contains("0.25"), "the deviation 1/4 is named: \(error)")
        }
    }

    func testAnInProcessEngineIsCheckedInItsFirstInferenceTrial() throws {
        let text = """
        {
          "name": "agree", "seed": 3,
          "machines": [{ "name": "cpu", "threads": 1 }],
          "datasets": [{ "name": "text", "kind": "synthetic-text", "vocabulary": 20, "sequenceLength": 6, "classes": 2, "trainSamples": 16, "testSamples": 8 }],
          "models": [{ "name": "bert", "kind": "bert", "hiddenWidth": 8, "layers": 1, "heads": 2, "intermediateWidth": 16, "maxPositions": 8, "head": "embedding" }],
          "engines": [{ "name": "eager", "kind": "eager" }, { "name": "fused", "kind": "fused" }],
          "tasks": [{ "name": "embed", "kind": "infer", "model": "bert", "dataset": "text", "batchSizes": [4], "iterations": 3 }],
          "metrics": ["latency", "deviation_from_eager", "cosine_to_eager"],
          "repetition": { "warmupSteps": 1, "trials": 2 }
        }
        """
        let benchmark = try ProtocolLoader.decode(text, file: "agree.json")
        let fused = try XCTUnwrap(CasePlanner.plan(benchmark).first { $0.engine.name == "fused" })
        let dataset = try WorkloadFactory.dataset(try XCTUnwrap(benchmark.datasets.first), protocolSeed: benchmark.seed)
        let first = try TrialExecutor(benchmark: benchmark, plannedCase: fused, dataset: dataset, trialIndex: 0).run()
        let deviation = try XCTUnwrap(first.samples.first { $0.metric == "deviation_from_eager" }).value
        let cosine = try XCTUnwrap(first.samples.first { $0.metric == "cosine_to_eager" }).value
        XCTAssertLessThanOrEqual(deviation, 1e-5)
        XCTAssertGreaterThan(cosine, 0.999_999)
        let second = try TrialExecutor(benchmark: benchmark, plannedCase: fused, dataset: dataset, trialIndex: 1).run()
        XCTAssertFalse(second.samples.contains { $0.metric == "deviation_from_eager" }, "checked once per case, in trial 0")
    }
}
