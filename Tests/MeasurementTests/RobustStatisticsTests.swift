import XCTest
import _TestSupport
@testable import Measurement

/// Bootstrap CI of the median, MAD outliers, and the combined statistics against known values.
final class RobustStatisticsTests: XCTestCase {
    /// Standard normal draws by Box–Muller from a seeded generator.
    private func normalSample(count: Int, generator: inout SplitMix64) -> [Double] {
        (0..<count).map { _ in
            let u1 = 1 - generator.nextUnitInterval()
            let u2 = generator.nextUnitInterval()
            return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
    }

    func testBootstrapIntervalOfAConstantSampleIsThatConstant() throws {
        let interval = try XCTUnwrap(Bootstrap.medianInterval([4, 4, 4, 4, 4], seed: 1))
        assertAllClose(interval.lower, 4)
        assertAllClose(interval.upper, 4)
    }

    func testBootstrapIntervalIsReproducibleFromItsSeedAndBracketsTheMedian() throws {
        let values = (1...41).map(Double.init)
        let first = try XCTUnwrap(Bootstrap.medianInterval(values, seed: 7))
        let second = try XCTUnwrap(Bootstrap.medianInterval(values, seed: 7))
        XCTAssertEqual(first, second)
        XCTAssertTrue(first.contains(21))
        XCTAssertGreaterThan(first.lower, 14, "the 95% CI of the median of 1…41 is roughly 16…26")
        XCTAssertLessThan(first.upper, 28)
    }

    func testBootstrapNeedsTwoValues() {
        XCTAssertNil(Bootstrap.medianInterval([1], seed: 0))
        XCTAssertNil(Bootstrap.medianInterval([], seed: 0))
    }

    /// On 400 simulated normal samples of size 41 (true median 0), the nominal 95% interval must cover 0 in
    /// about 95% of them; the percentile bootstrap of a median is known to be roughly nominal at this size.
    func testBootstrapCoverageOnSimulatedDataIsNearNominal() {
        var generator = SplitMix64(seed: 2024)
        let datasets = 400
        var covered = 0
        for index in 0..<datasets {
            let values = normalSample(count: 41, generator: &generator)
            if let interval = Bootstrap.medianInterval(values, resamples: 500, seed: UInt64(index)), interval.contains(0) {
                covered += 1
            }
        }
        let coverage = Double(covered) / Double(datasets)
        XCTAssertGreaterThan(coverage, 0.90, "coverage \(coverage)")
        XCTAssertLessThan(coverage, 0.99, "coverage \(coverage)")
    }

    func testMADFlagsTheFarValueAndKeepsTheRest() throws {
        // median 3, |x − 3| = [2, 1, 0, 1, 97] → MAD 1; 100 has modified z = 97 / 1.4826 ≫ 3.5.
        let outliers = try XCTUnwrap(MADOutliers([1, 2, 3, 4, 100]))
        assertAllClose(outliers.median, 3)
        assertAllClose(outliers.medianAbsoluteDeviation, 1)
        XCTAssertEqual(outliers.outlierIndices, [4])
    }

    func testMADKeepsValuesWithinThreshold() throws {
        // median 5.5, MAD 2.5 → a scaled MAD of 3.7065; 10 has z = 4.5 / 3.7065 ≈ 1.2.
        XCTAssertEqual(try XCTUnwrap(MADOutliers((1...10).map(Double.init))).outlierCount, 0)
    }

    func testMetricStatisticsCombineSummaryIntervalAndOutliers() throws {
        let values = [10.0, 10.2, 9.9, 10.1, 10.0, 10.3, 9.8, 10.0, 30.0]
        let statistics = try XCTUnwrap(MetricStatistics(values, seed: 3))
        assertAllClose(statistics.summary.median, 10.0)
        XCTAssertEqual(statistics.outlierCount, 1, "30 is flagged")
        XCTAssertEqual(statistics.summary.count, 9, "and kept")
        let interval = try XCTUnwrap(statistics.medianInterval)
        XCTAssertLessThanOrEqual(interval.lower, 10.0)
        XCTAssertGreaterThanOrEqual(interval.upper, 10.0)
        XCTAssertLessThan(statistics.relativeIntervalWidth, 0.05)
        assertAllClose(statistics.coefficientOfVariation, statistics.summary.standardDeviation / statistics.summary.mean)
    }

    func testSingleValueNeverSettlesAStoppingRule() throws {
        XCTAssertEqual(try XCTUnwrap(MetricStatistics([1.5], seed: 0)).relativeIntervalWidth, .infinity)
    }
}
