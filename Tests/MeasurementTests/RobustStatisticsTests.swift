import XCTest
import _TestSupport
@testable import Measurement

/// MAD outliers and the combined per-metric statistics against known values.
final class RobustStatisticsTests: XCTestCase {
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

    func testMetricStatisticsDescribeStepsAndInferFromTrials() throws {
        let trials = [TrialSamples(trial: 0, values: [10.0, 10.2, 9.9, 30.0]),
                      TrialSamples(trial: 1, values: [10.1, 10.0, 10.3]),
                      TrialSamples(trial: 2, values: [9.8, 10.0])]
        let statistics = try XCTUnwrap(MetricStatistics(trials))
        XCTAssertEqual(statistics.outlierCount, 1, "30 is flagged")
        XCTAssertEqual(statistics.summary.count, 9, "and kept")
        XCTAssertEqual(statistics.trialEstimate.trialCount, 3)
        let interval = try XCTUnwrap(statistics.interval)
        XCTAssertTrue(interval.contains(statistics.trialEstimate.estimate))
        assertAllClose(statistics.coefficientOfVariation, statistics.summary.standardDeviation / statistics.summary.mean)
    }

    func testOneTrialNeverSettlesAStoppingRule() throws {
        let many = TrialSamples(trial: 0, values: (0..<10_000).map { 1 + Double($0 % 7) * 1e-4 })
        XCTAssertEqual(try XCTUnwrap(MetricStatistics([many])).relativeIntervalWidth, .infinity)
    }
}
