import XCTest
import _TestSupport
@testable import Measurement

/// Trial-level estimates and comparisons on small hand-checked inputs.
final class TrialStatisticsTests: XCTestCase {
    private func trials(_ medians: [Double], steps: Int = 5) -> [TrialSamples] {
        medians.enumerated().map { index, median in
            TrialSamples(trial: index, values: (0..<steps).map { median * (1 + 0.001 * Double($0 - steps / 2)) })
        }
    }

    func testEstimateIsTheGeometricMeanOfTrialMediansWithATInterval() throws {
        let estimate = try XCTUnwrap(TrialEstimate(trials([1, 2, 4])))
        assertAllClose(estimate.estimate, 2, relative: 1e-12)
        XCTAssertEqual(estimate.scale, .logarithmic)
        // log medians 0, ln 2, 2 ln 2: sd ln 2, half-width t(2) · ln 2 / √3.
        let half = 4.302652729911275 * log(2) / 3.0.squareRoot()
        let interval = try XCTUnwrap(estimate.interval)
        assertAllClose(interval.lower, 2 * exp(-half), relative: 1e-6)
        assertAllClose(interval.upper, 2 * exp(half), relative: 1e-6)
        XCTAssertEqual(estimate.replicationLabel, "3×5")
    }

    func testManyStepsInOneTrialGiveNoInterval() throws {
        let estimate = try XCTUnwrap(TrialEstimate([TrialSamples(trial: 0, values: (1...1000).map(Double.init))]))
        XCTAssertNil(estimate.interval)
        XCTAssertEqual(estimate.relativeIntervalWidth, .infinity)
    }

    func testNonPositiveAndInfiniteTrialsFallBackHonestly() throws {
        let linear = try XCTUnwrap(TrialEstimate(trials([0, 1, 2])))
        XCTAssertEqual(linear.scale, .linear)
        assertAllClose(linear.estimate, 1, relative: 1e-9)
        let ordinal = try XCTUnwrap(TrialEstimate(trials([3, .infinity, 5])))
        XCTAssertEqual(ordinal.scale, .ordinal)
        XCTAssertEqual(ordinal.estimate, 5)
        XCTAssertNil(ordinal.interval)
    }

    func testWelchComparisonOfSeparatedTrialsIsSignificant() throws {
        let comparison = try XCTUnwrap(TrialComparison(baseline: trials([1.0, 1.02, 0.98, 1.01]),
                                                       candidate: trials([1.2, 1.22, 1.18, 1.21])))
        XCTAssertEqual(comparison.design, .independent)
        assertAllClose(comparison.ratio, 1.2, relative: 1e-3)
        XCTAssertLessThan(try XCTUnwrap(comparison.pValue), 1e-4)
        XCTAssertTrue(try XCTUnwrap(comparison.interval).contains(comparison.ratio))
    }

    func testPairingCancelsSharedDrift() throws {
        // Each round drifts by up to ±30%, shared by both builds; the candidate is 5% slower in every round.
        let drift = [1.0, 1.3, 0.7, 1.1, 0.9, 1.25]
        let baseline = trials(drift)
        let candidate = trials(drift.map { $0 * 1.05 })
        let independent = try XCTUnwrap(TrialComparison(baseline: baseline, candidate: candidate))
        let paired = try XCTUnwrap(TrialComparison(baseline: baseline, candidate: candidate, paired: true))
        XCTAssertGreaterThan(try XCTUnwrap(independent.pValue), 0.5, "drift swamps the change between runs")
        XCTAssertEqual(paired.design, .paired)
        XCTAssertLessThan(try XCTUnwrap(paired.pValue), 1e-10, "the same ratio in every round")
        assertAllClose(paired.ratio, 1.05, relative: 1e-9)
    }

    func testAReferenceValueIsTestedWithTheCandidatesTrials() throws {
        let reference = [TrialSamples(trial: 0, values: [1.0])]
        let comparison = try XCTUnwrap(TrialComparison(baseline: reference, candidate: trials([1.1, 1.12, 1.09]),
                                                       baselineIsReference: true))
        XCTAssertEqual(comparison.design, .reference)
        XCTAssertNotNil(comparison.interval)
        XCTAssertNil(TrialComparison(baseline: reference, candidate: trials([1.1]), baselineIsReference: true)?.interval)
    }

    func testThreeAgainstThreeCannotClaimWhatItCannotSee() throws {
        // Overlapping noisy trials: no interval narrow enough; more trials are asked for.
        let comparison = try XCTUnwrap(TrialComparison(baseline: trials([1.0, 1.15, 0.9]), candidate: trials([1.1, 0.95, 1.2])))
        XCTAssertGreaterThan(try XCTUnwrap(comparison.pValue), 0.05)
        let needed = try XCTUnwrap(comparison.trialsNeeded(logHalfWidth: log(1.05), level: 0.99))
        XCTAssertGreaterThan(needed, 3)
    }

    func testGroupingKeepsTrialsApart() {
        let grouped = TrialSamples.grouping([1, 2, 3, 4, 5], trials: [0, 0, 1, 1, 1])
        XCTAssertEqual(grouped, [TrialSamples(trial: 0, values: [1, 2]), TrialSamples(trial: 1, values: [3, 4, 5])])
    }
}
