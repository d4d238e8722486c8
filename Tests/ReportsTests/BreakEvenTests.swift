import XCTest
@testable import Reports

/// Break-even steps from hand-computed figures (all binary fractions, so the arithmetic is exact).
final class BreakEvenTests: XCTestCase {
    typealias Figure = BreakEven.Figure

    /// Baseline: first step 1 ms [0.75, 1.25], steps 0.25 ms [0.1875, 0.3125]. Engine: first step 33 ms [31, 35],
    /// steps 0.125 ms [0.09375, 0.15625]. n* = (33 − 1) / (0.25 − 0.125) = 256; lower (31 − 1.25) / (0.3125 − 0.09375)
    /// = 29.75 / 0.21875 = 136; upper (35 − 0.75) / (0.1875 − 0.15625) = 34.25 / 0.03125 = 1096.
    func testBreakEvenAndItsConservativeIntervalFromTheFourIntervals() {
        let breakEven = BreakEven(baselineFirstStep: Figure(estimate: 1, lower: 0.75, upper: 1.25),
                                  engineFirstStep: Figure(estimate: 33, lower: 31, upper: 35),
                                  baselineStep: Figure(estimate: 0.25, lower: 0.1875, upper: 0.3125),
                                  engineStep: Figure(estimate: 0.125, lower: 0.09375, upper: 0.15625))
        XCTAssertEqual(breakEven.outcome, .steps(estimate: 256, lower: 136, upper: 1096))
        XCTAssertEqual(breakEven.text, "256 (136–1096)")
    }

    func testAStepGainThatMayBeZeroLeavesTheUpperBoundOpen() {
        // Engine steps [0.0625, 0.1875]: the gain's lower end 0.1875 − 0.1875 = 0, so no upper bound.
        let breakEven = BreakEven(baselineFirstStep: Figure(estimate: 1, lower: 0.75, upper: 1.25),
                                  engineFirstStep: Figure(estimate: 33, lower: 31, upper: 35),
                                  baselineStep: Figure(estimate: 0.25, lower: 0.1875, upper: 0.3125),
                                  engineStep: Figure(estimate: 0.125, lower: 0.0625, upper: 0.1875))
        // lower: 29.75 / (0.3125 − 0.0625) = 119.
        XCTAssertEqual(breakEven.outcome, .steps(estimate: 256, lower: 119, upper: nil))
        XCTAssertEqual(breakEven.text, "256 (≥119)")
    }

    func testACostWhoseIntervalReachesZeroHasALowerBoundOfZero() {
        let breakEven = BreakEven(baselineFirstStep: Figure(estimate: 1, lower: 0.5, upper: 4),
                                  engineFirstStep: Figure(estimate: 3, lower: 2, upper: 4),
                                  baselineStep: Figure(estimate: 0.5, lower: 0.5, upper: 0.5),
                                  engineStep: Figure(estimate: 0.25, lower: 0.25, upper: 0.25))
        // n* = 2 / 0.25 = 8; cost lower 2 − 4 < 0 → 0; upper (4 − 0.5) / 0.25 = 14.
        XCTAssertEqual(breakEven.text, "8 (0–14)")
    }

    func testSlowerStepsNeverPayOffAndNoStartUpCostHasNothingToPayOff() {
        let slower = BreakEven(baselineFirstStep: Figure(estimate: 1), engineFirstStep: Figure(estimate: 30),
                               baselineStep: Figure(estimate: 0.25), engineStep: Figure(estimate: 0.5))
        XCTAssertEqual(slower.outcome, .never)
        XCTAssertEqual(slower.text, "never")
        let noCost = BreakEven(baselineFirstStep: Figure(estimate: 2), engineFirstStep: Figure(estimate: 1),
                               baselineStep: Figure(estimate: 0.25), engineStep: Figure(estimate: 0.125))
        XCTAssertEqual(noCost.outcome, .noStartUpCost)
        XCTAssertEqual(noCost.text, "-")
    }

    func testWithoutIntervalsOnlyTheEstimateIsGivenRoundedUp() {
        let breakEven = BreakEven(baselineFirstStep: Figure(estimate: 1), engineFirstStep: Figure(estimate: 2),
                                  baselineStep: Figure(estimate: 0.5), engineStep: Figure(estimate: 0.125))
        // 1 / 0.375 = 2.67 → 3.
        XCTAssertEqual(breakEven.text, "3")
    }

    /// From rows in ms: trials without spread give a degenerate interval; the ms → s conversion cancels.
    func testFromRowsUsesTrialEstimatesInSeconds() throws {
        let baseline = HeadlineFixtures.trainCase(engine: "eager", step: 0.25, firstStep: 1, rss: 1, deviation: nil,
                                                  trialScales: [1, 1, 1])
        let engine = HeadlineFixtures.trainCase(engine: "traced", step: 0.125, firstStep: 33, rss: 1, deviation: nil,
                                                trialScales: [1, 1, 1])
        let breakEven = try XCTUnwrap(BreakEven(baselineFirstStep: baseline[1], engineFirstStep: engine[1],
                                                baselineStep: baseline[0], engineStep: engine[0]))
        guard case let .steps(estimate, lower, upper) = breakEven.outcome else { return XCTFail("\(breakEven.outcome)") }
        XCTAssertEqual(estimate, 256, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(lower), 256, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(upper), 256, accuracy: 1e-6)
        XCTAssertEqual(BreakEven.componentLevel, 0.9875)
    }
}
