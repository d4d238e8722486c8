import XCTest
@testable import Reports

/// The tick algorithm: steps of 1, 2 or 5 × 10^k, the domain widened to whole steps, labels with the step's decimals.
final class AxisTicksTests: XCTestCase {
    func testStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        XCTAssertEqual(AxisTicks.niceStep(0.3), 0.5)
        XCTAssertEqual(AxisTicks.niceStep(1), 1)
        XCTAssertEqual(AxisTicks.niceStep(1.2), 2)
        XCTAssertEqual(AxisTicks.niceStep(2.1), 5)
        XCTAssertEqual(AxisTicks.niceStep(7), 10)
        XCTAssertEqual(AxisTicks.niceStep(0.0042), 0.005, accuracy: 1e-15)
        XCTAssertEqual(AxisTicks.niceStep(-1), 1, "a degenerate step falls back to 1")
    }

    func testAStepTimeAxisRunsFromZeroToTheNextWholeStep() {
        let ticks = AxisTicks.nice(minimum: 0, maximum: 2.249)
        XCTAssertEqual(ticks, AxisTicks(lower: 0, upper: 2.5, step: 0.5))
        XCTAssertEqual(ticks.values, [0, 0.5, 1, 1.5, 2, 2.5])
        XCTAssertEqual(ticks.values.map(ticks.label), ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"])
    }

    func testMicrosecondsAndBytesGetWholeNumberLabels() {
        let latency = AxisTicks.nice(minimum: 0, maximum: 696.8)
        XCTAssertEqual(latency.values, [0, 200, 400, 600, 800])
        XCTAssertEqual(latency.values.map(latency.label), ["0", "200", "400", "600", "800"])
        XCTAssertEqual(AxisTicks.nice(minimum: 0, maximum: 97).values, [0, 20, 40, 60, 80, 100])
    }

    func testASpeedupAxisNeedNotStartAtZero() {
        let ticks = AxisTicks.nice(minimum: 1, maximum: 1.42)
        XCTAssertEqual(ticks.values, [1, 1.1, 1.2, 1.3, 1.4, 1.5])
        XCTAssertEqual(ticks.label(1.3), "1.3")
        let slower = AxisTicks.nice(minimum: 0.62, maximum: 1)
        XCTAssertEqual(slower.lower, 0.6, accuracy: 1e-12)
        XCTAssertEqual(slower.upper, 1, accuracy: 1e-12)
    }

    func testTickValuesCarryNoFloatingPointDrift() {
        let ticks = AxisTicks.nice(minimum: 0, maximum: 0.3)
        XCTAssertEqual(ticks.values, [0, 0.1, 0.2, 0.3], "0.1 + 0.2 must print and compare as 0.3")
        XCTAssertEqual(AxisTicks.nice(minimum: -0.2, maximum: 0.2).values, [-0.2, -0.1, 0, 0.1, 0.2])
    }

    func testAnEmptyOrInvalidRangeStillGetsAReadableAxis() {
        let flat = AxisTicks.nice(minimum: 5, maximum: 5)
        XCTAssertLessThan(flat.lower, 5)
        XCTAssertGreaterThan(flat.upper, 5)
        XCTAssertGreaterThanOrEqual(flat.values.count, 2)
        XCTAssertEqual(AxisTicks.nice(minimum: 0, maximum: 0).values.count, AxisTicks.nice(minimum: -1, maximum: 1).values.count)
        XCTAssertEqual(AxisTicks.nice(minimum: .nan, maximum: 1), AxisTicks(lower: 0, upper: 1, step: 0.2))
        XCTAssertEqual(AxisTicks.nice(minimum: 2, maximum: .infinity), AxisTicks(lower: 0, upper: 1, step: 0.2))
        XCTAssertEqual(AxisTicks.nice(minimum: 3, maximum: 1), AxisTicks(lower: 0, upper: 1, step: 0.2))
    }

    func testEveryRangeIsCoveredWithAboutFiveIntervals() {
        for maximum in [0.0007, 0.013, 1, 3.7, 99, 123_456, 2.5e9] {
            let ticks = AxisTicks.nice(minimum: 0, maximum: maximum)
            XCTAssertLessThanOrEqual(ticks.lower, 0)
            XCTAssertGreaterThanOrEqual(ticks.upper, maximum)
            XCTAssertTrue((3...11).contains(ticks.values.count), "\(maximum): \(ticks.values)")
        }
    }

    func testFractionsAreClampedToThePlot() {
        let ticks = AxisTicks(lower: 0, upper: 2, step: 0.5)
        XCTAssertEqual(ticks.fraction(1), 0.5)
        XCTAssertEqual(ticks.fraction(-3), 0)
        XCTAssertEqual(ticks.fraction(9), 1)
        XCTAssertEqual(ticks.fraction(.nan), 0)
    }
}
