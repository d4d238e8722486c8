import XCTest
import _TestSupport
@testable import Measurement

final class ComparisonStatisticsTests: XCTestCase {
    func testFullySeparatedSmallSamplesGetTheExactPValue() throws {
        let test = try XCTUnwrap(MannWhitneyTest([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]))
        XCTAssertEqual(test.method, .exact)
        XCTAssertEqual(test.u, 0)
        assertAllClose(test.pValue, 2.0 / 252.0)  // 2 of the C(10, 5) arrangements are at least this extreme
    }

    func testExactDistributionCountsEveryArrangement() {
        let frequencies = MannWhitneyTest.exactFrequencies(firstCount: 3, secondCount: 4)
        XCTAssertEqual(frequencies.count, 13)
        XCTAssertEqual(frequencies.reduce(0, +), 35)  // C(7, 3)
        XCTAssertEqual(frequencies, Array(frequencies.reversed()))  // symmetric around n1·n2/2
    }

    func testTiedSamplesUseTheTieCorrectedNormalApproximation() throws {
        // Reference: U = 18, p = 0.016427157417354794 from an independent implementation of the textbook
        // formula (average ranks, variance n1·n2/12·((n+1) − Σ(t³−t)/(n(n−1))), continuity correction 0.5).
        let test = try XCTUnwrap(MannWhitneyTest([1, 2, 2, 3, 4, 4, 4, 5, 6, 7], [3, 4, 5, 5, 6, 7, 8, 8, 9, 9]))
        XCTAssertEqual(test.method, .normalApproximation)
        XCTAssertEqual(test.u, 18)
        assertAllClose(test.pValue, 0.016427157417354794, relative: 1e-12)
    }

    func testIdenticalConstantSamplesHaveNoEvidenceOfADifference() throws {
        let test = try XCTUnwrap(MannWhitneyTest([3, 3, 3], [3, 3, 3, 3]))
        XCTAssertEqual(test.pValue, 1)
    }

    func testRatioOfMediansAndItsIntervalAreSeededAndBracketTheEstimate() throws {
        let baseline = (0..<40).map { 10 + Double($0 % 7) * 0.1 }
        let candidate = baseline.map { $0 * 1.2 }
        let first = try XCTUnwrap(RatioConfidence(baseline: baseline, candidate: candidate, seed: 7))
        let again = try XCTUnwrap(RatioConfidence(baseline: baseline, candidate: candidate, seed: 7))
        XCTAssertEqual(first, again)
        assertAllClose(first.ratio, 1.2)
        let interval = try XCTUnwrap(first.interval)
        XCTAssertTrue(interval.contains(first.ratio))
        XCTAssertLessThan(interval.width, 0.1)
    }

    func testRatioNeedsAUsableBaseline() {
        XCTAssertNil(RatioConfidence(baseline: [], candidate: [1], seed: 1))
        XCTAssertNil(RatioConfidence(baseline: [0, 0], candidate: [1, 2], seed: 1))
        XCTAssertNil(RatioConfidence(baseline: [2], candidate: [1], seed: 1)?.interval)
    }
}
