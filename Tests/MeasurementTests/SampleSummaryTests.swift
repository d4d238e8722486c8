import XCTest
@testable import Measurement

final class SampleSummaryTests: XCTestCase {
    func testOneToTenMatchesNumPyDefaults() throws {
        // numpy.percentile(range(1, 11), [10, 25, 50, 75, 90, 99]) == [1.9, 3.25, 5.5, 7.75, 9.1, 9.91]
        let summary = try XCTUnwrap(SampleSummary([10, 3, 1, 7, 2, 9, 4, 8, 6, 5]))
        XCTAssertEqual(summary.count, 10)
        XCTAssertEqual(summary.minimum, 1)
        XCTAssertEqual(summary.maximum, 10)
        XCTAssertEqual(summary.mean, 5.5, accuracy: 1e-12)
        XCTAssertEqual(summary.p10, 1.9, accuracy: 1e-12)
        XCTAssertEqual(summary.p25, 3.25, accuracy: 1e-12)
        XCTAssertEqual(summary.median, 5.5, accuracy: 1e-12)
        XCTAssertEqual(summary.p75, 7.75, accuracy: 1e-12)
        XCTAssertEqual(summary.p90, 9.1, accuracy: 1e-12)
        XCTAssertEqual(summary.p99, 9.91, accuracy: 1e-12)
        // numpy.std(range(1, 11), ddof=1)
        XCTAssertEqual(summary.standardDeviation, 3.0276503540974917, accuracy: 1e-12)
        XCTAssertEqual(summary.coefficientOfVariation, 3.0276503540974917 / 5.5, accuracy: 1e-12)
    }

    func testOddCountMedianIsMiddleValue() throws {
        let summary = try XCTUnwrap(SampleSummary([5, 1, 3]))
        XCTAssertEqual(summary.median, 3)
        XCTAssertEqual(summary.p10, 1.4, accuracy: 1e-12)
        XCTAssertEqual(summary.p90, 4.6, accuracy: 1e-12)
    }

    func testSingleValueHasZeroDeviation() throws {
        let summary = try XCTUnwrap(SampleSummary([2.5]))
        XCTAssertEqual(summary.n, 1)
        XCTAssertEqual(summary.standardDeviation, 0)
        XCTAssertEqual(summary.p10, 2.5)
        XCTAssertEqual(summary.p99, 2.5)
    }

    func testEmptyInputHasNoSummary() {
        XCTAssertNil(SampleSummary([]))
        XCTAssertNil(SampleSummary([.nan]))
    }

    func testNaNValuesAreDroppedAndCounted() throws {
        let summary = try XCTUnwrap(SampleSummary([1, .nan, 3]))
        XCTAssertEqual(summary.count, 2)
        XCTAssertEqual(summary.droppedNaNCount, 1)
        XCTAssertEqual(summary.median, 2)
    }

    func testZeroMeanGivesNaNCoefficientOfVariation() throws {
        let summary = try XCTUnwrap(SampleSummary([-1, 1]))
        XCTAssertTrue(summary.coefficientOfVariation.isNaN)
    }

    func testPercentileBounds() {
        let sorted: [Double] = [1, 2, 3, 4]
        XCTAssertEqual(SampleSummary.percentile(0, ofSorted: sorted), 1)
        XCTAssertEqual(SampleSummary.percentile(100, ofSorted: sorted), 4)
        XCTAssertEqual(SampleSummary.percentile(50, ofSorted: sorted), 2.5)
        XCTAssertTrue(SampleSummary.percentile(50, ofSorted: []).isNaN)
    }
}
