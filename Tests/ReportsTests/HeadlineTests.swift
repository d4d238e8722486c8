import XCTest
import ProtocolModel
@testable import Reports

/// Which rows the headline shows, its speedups and break-even, the verdict sentence and the units it picks.
final class HeadlineTests: XCTestCase {
    /// eager 0.25 ms steps (first step 1 ms), traced 0.125 ms (26 ms), fused 0.1 ms (31 ms).
    static let train = HeadlineFixtures.trainCase(engine: "eager", step: 0.25, firstStep: 1, rss: 50 * 1_048_576,
                                                  deviation: nil)
        + HeadlineFixtures.trainCase(engine: "traced", step: 0.125, firstStep: 26, rss: 52 * 1_048_576, deviation: 0)
        + HeadlineFixtures.trainCase(engine: "fused", step: 0.1, firstStep: 31, rss: 53 * 1_048_576, deviation: 2.5e-8)

    static func latency(engine: String, batchSize: Int, value: Double) -> ReportRow {
        HeadlineFixtures.row(task: "infer", kind: "infer", engine: engine, batchSize: batchSize, metric: "latency",
                             unit: "ms", trials: HeadlineFixtures.steps(value, trialScales: [1, 1.0625, 0.9375]))
    }

    func testOneSlotPerTaskAndBatchSizeComparedOnThePrimaryMetricWithTheProtocolsBaseline() throws {
        let rows = Self.train + [Self.latency(engine: "eager", batchSize: 1, value: 0.5),
                                 Self.latency(engine: "fused", batchSize: 1, value: 0.25),
                                 Self.latency(engine: "eager", batchSize: 64, value: 4)]
        let headline = Headline(rows: rows, facts: [1: ProtocolFacts(baselineEngine: "eager")])
        XCTAssertEqual(headline.slots.map { "\($0.task)/\($0.batchSize ?? 0)/\($0.metric)" },
                       ["train/64/step_time", "infer/1/latency", "infer/64/latency"])
        let train = headline.slots[0]
        XCTAssertEqual(train.entries.map(\.engine), ["eager", "traced", "fused"])
        XCTAssertEqual(train.entries.map(\.isBaseline), [true, false, false])
        XCTAssertNil(train.entries[0].comparison)
        XCTAssertEqual(try XCTUnwrap(train.entries[1].comparison?.speedup), 2, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(train.entries[2].comparison?.speedup), 2.5, accuracy: 1e-9)
        XCTAssertEqual(train.best?.engine, "fused")
        XCTAssertEqual(train.entries[2].agreement, 2.5e-8)
        XCTAssertEqual(try XCTUnwrap(train.entries[2].peakRSS?.estimate), 53 * 1_048_576, accuracy: 1e-3)
        // A single engine: nothing to compare, no verdict.
        XCTAssertNil(headline.slots[2].verdict)
    }

    /// (26 − 1) / (0.25 − 0.125) = 200 and (31 − 1) / (0.25 − 0.1) = 200 further steps.
    func testBreakEvenOfEachEngineWithAStartUpCost() throws {
        let slot = try XCTUnwrap(Headline(rows: Self.train).slots.first)
        XCTAssertNil(slot.entries[0].breakEven, "the baseline has no break-even")
        for entry in slot.entries.dropFirst() {
            guard case let .steps(estimate, lower, upper)? = entry.breakEven?.outcome else {
                return XCTFail("\(entry.engine): \(String(describing: entry.breakEven))")
            }
            XCTAssertEqual(estimate, 200, accuracy: 1e-6, entry.engine)
            XCTAssertLessThan(try XCTUnwrap(lower), 200)
            XCTAssertGreaterThan(try XCTUnwrap(upper), 200)
        }
    }

    func testVerdictNamesTheFastestEngineWithItsIntervalAndTrials() throws {
        let verdict = try XCTUnwrap(Headline(rows: Self.train).slots.first?.verdict)
        XCTAssertTrue(verdict.hasPrefix("fused ran 2.50× faster than eager (95% CI "), verdict)
        XCTAssertTrue(verdict.hasSuffix(", 4 trials each)"), verdict)
    }

    func testWhenEveryOtherEngineIsSlowerTheBaselineIsNamedTheWinner() throws {
        let rows = HeadlineFixtures.trainCase(engine: "eager", step: 0.125, firstStep: 1, rss: 1, deviation: nil)
            + HeadlineFixtures.trainCase(engine: "traced", step: 0.25, firstStep: 2, rss: 1, deviation: 0)
        let slot = try XCTUnwrap(Headline(rows: rows).slots.first)
        XCTAssertTrue(try XCTUnwrap(slot.verdict).hasPrefix("eager ran 2.00× faster than traced (95% CI "))
        XCTAssertEqual(slot.entries[1].breakEven?.outcome, .never)
    }

    func testTwoNoisyTrialsAreInconclusiveAndSayWhatWouldDecide() throws {
        let rows = [
            HeadlineFixtures.row(engine: "eager", metric: "step_time", unit: "ms", trials: [[1.0], [1.5]]),
            HeadlineFixtures.row(engine: "fused", metric: "step_time", unit: "ms", trials: [[0.875], [1.5]]),
        ]
        let verdict = try XCTUnwrap(Headline(rows: rows).slots.first?.verdict)
        XCTAssertTrue(verdict.hasPrefix("inconclusive: fused 1.07× vs eager (95% CI "), verdict)
        XCTAssertTrue(verdict.contains("2 trials each); ~"), verdict)
        XCTAssertTrue(verdict.hasSuffix(" trials each would decide"), verdict)
    }

    func testEqualSpeedsAreTheSameWithinTheThreshold() throws {
        let scales = [1, 1.0078125, 0.9921875, 1.00390625, 0.99609375, 1, 1.0078125, 0.9921875]
        let rows = HeadlineFixtures.trainCase(engine: "eager", step: 0.5, firstStep: 1, rss: 1, deviation: nil,
                                              trialScales: scales)
            + HeadlineFixtures.trainCase(engine: "traced", step: 0.5, firstStep: 3, rss: 1, deviation: 0,
                                         trialScales: scales.reversed())
        let slot = try XCTUnwrap(Headline(rows: rows).slots.first)
        XCTAssertTrue(try XCTUnwrap(slot.verdict).hasPrefix("traced and eager ran at the same speed within 5% (1.00×"))
    }

    func testTheProtocolsBaselineKeyIsUsedAndAnEngineTheTaskLacksFallsBackToItsFirst() throws {
        let traced = try XCTUnwrap(Headline(rows: Self.train, facts: [1: ProtocolFacts(baselineEngine: "traced")]).slots.first)
        XCTAssertEqual(traced.baselineEngine, "traced")
        XCTAssertEqual(try XCTUnwrap(traced.entries[0].comparison?.speedup), 0.5, accuracy: 1e-9)
        let missing = try XCTUnwrap(Headline(rows: Self.train, facts: [1: ProtocolFacts(baselineEngine: "opencl")]).slots.first)
        XCTAssertEqual(missing.baselineEngine, "eager")
        let overridden = try XCTUnwrap(Headline(rows: Self.train, facts: [1: ProtocolFacts(baselineEngine: "traced")],
                                                baseline: "fused").slots.first)
        XCTAssertEqual(overridden.baselineEngine, "fused", "report --baseline-engine overrides the protocol")
    }

    func testOfflineInferenceIsComparedOnThroughput() throws {
        let throughput = ["eager": 1000.0, "fused": 2000.0].sorted { $0.key < $1.key }.map { engine, value in
            HeadlineFixtures.row(task: "offline", kind: "infer", engine: engine, batchSize: 8, metric: "samples_per_second",
                                 unit: "samples/s", trials: HeadlineFixtures.steps(value, trialScales: [1, 1.0625, 0.9375]))
        }
        // Without the protocol: an inference task without latency samples is offline.
        let slot = try XCTUnwrap(Headline(rows: throughput).slots.first)
        XCTAssertEqual(slot.metric, "samples_per_second")
        XCTAssertEqual(try XCTUnwrap(slot.entries[1].comparison?.speedup), 2, accuracy: 1e-9)
        XCTAssertTrue(try XCTUnwrap(slot.verdict).hasPrefix("fused ran 2.00× faster than eager"))
        // With it: the task's workload decides (as the stopping rule's).
        let facts = ProtocolFacts(baselineEngine: "eager", primaryMetrics: ["offline": .samplesPerSecond])
        XCTAssertEqual(Headline(rows: throughput, facts: [1: facts]).slots.first?.metric, "samples_per_second")
    }

    func testFailedAndSkippedCasesShowTheirStatusAndReason() throws {
        let rows = Self.train + [HeadlineFixtures.empty(engine: "opencl", status: "skipped", message: "no OpenCL device")]
        let slot = try XCTUnwrap(Headline(rows: rows).slots.first)
        XCTAssertEqual(slot.entries.last?.status, "skipped")
        XCTAssertNil(slot.entries.last?.comparison)
        let text = HeadlineReport.render(Headline(rows: rows), colour: false)
        XCTAssertTrue(text.split(separator: "\n").contains { $0.hasPrefix("  opencl ") && $0.hasSuffix(" skipped") }, text)
        XCTAssertTrue(text.contains("\n  opencl skipped: no OpenCL device\n"), text)
    }

    func testExpectationsAreEvaluatedWithTheHeadline() throws {
        let expectation = PerformanceExpectation(task: "train", engine: "fused", baseline: "eager", atLeastFaster: 2)
        let failing = PerformanceExpectation(task: "train", engine: "traced", baseline: "eager", atLeastFaster: 3)
        let headline = Headline(rows: Self.train, facts: [1: ProtocolFacts(expectations: [expectation, failing])])
        XCTAssertEqual(headline.expectations.map(\.verdict), [.passed, .failed])
        let text = HeadlineReport.render(headline, colour: false)
        XCTAssertTrue(text.contains("expectations: 1 passed, 1 failed\n  pass  fused at least 2× faster than eager"), text)
    }

    func testAStoredProtocolThatNoLongerDecodesIsANoteAndDefaults() {
        let facts = ProtocolFacts.decode(protocolText: "{", protocolPath: "gone.json")
        XCTAssertNotNil(facts.problem)
        let headline = Headline(rows: Self.train, facts: [1: facts])
        XCTAssertEqual(headline.slots.first?.baselineEngine, "eager")
        XCTAssertEqual(headline.notes.count, 1)
    }

    func testOneUnitPerColumnChosenFromItsRange() {
        XCTAssertEqual(QuantityScale.choose(unit: "ms", values: [0.9954, 1.12]).unit, "µs")
        XCTAssertEqual(QuantityScale.choose(unit: "ms", values: [2.5, 1.12, nil]).unit, "ms")
        XCTAssertEqual(QuantityScale.choose(unit: "bytes", values: [786_432, 1_048_576]).unit, "KiB")
        // Five or more digits before the point for the largest: the scale of the middle of the range.
        XCTAssertEqual(QuantityScale.choose(unit: "ms", values: [0.001, 2000]).unit, "ms")
        XCTAssertEqual(QuantityScale.choose(unit: "ms", values: [0.001, 50]).unit, "µs")
        let text = HeadlineReport.render(Headline(rows: Self.train), colour: false)
        // Trial estimates: the geometric mean of the trial scales is 1.00364.
        XCTAssertTrue(text.contains("1.004 ms") && text.contains("26.09 ms") && text.contains("250.9 µs")
                      && text.contains("100.4 µs"), text)
        XCTAssertTrue(text.contains("50.00 MiB") && text.contains("53.00 MiB"), text)
    }

    func testTheFullTableUsesOneUnitPerMetric() {
        let rows = [HeadlineFixtures.row(engine: "eager", metric: "time_to_first_step", unit: "ms", trials: [[0.9954]]),
                    HeadlineFixtures.row(engine: "traced", metric: "time_to_first_step", unit: "ms", trials: [[1.12]])]
        let text = TableReport.render(rows, colour: false)
        XCTAssertTrue(text.contains("995.4") && text.contains("1120"), text)
        XCTAssertFalse(text.contains(" ms "), text)
    }
}
