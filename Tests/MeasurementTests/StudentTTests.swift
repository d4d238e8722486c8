import XCTest
import _TestSupport
@testable import Measurement

/// Student's t against published table values (two-sided critical values and p-values).
final class StudentTTests: XCTestCase {
    func testCriticalValuesMatchTheTable() {
        assertAllClose(StudentT.criticalValue(level: 0.95, degreesOfFreedom: 1), 12.7062, relative: 1e-4)
        assertAllClose(StudentT.criticalValue(level: 0.95, degreesOfFreedom: 2), 4.3027, relative: 1e-4)
        assertAllClose(StudentT.criticalValue(level: 0.95, degreesOfFreedom: 4), 2.7764, relative: 1e-4)
        assertAllClose(StudentT.criticalValue(level: 0.99, degreesOfFreedom: 10), 3.1693, relative: 1e-4)
        assertAllClose(StudentT.criticalValue(level: 0.95, degreesOfFreedom: 30), 2.0423, relative: 1e-4)
        assertAllClose(StudentT.criticalValue(level: 0.95, degreesOfFreedom: 1e6), 1.9600, relative: 1e-4)
    }

    func testPValuesInvertTheCriticalValues() {
        assertAllClose(StudentT.twoSidedPValue(2.7764, degreesOfFreedom: 4), 0.05, relative: 1e-3)
        assertAllClose(StudentT.twoSidedPValue(-3.1693, degreesOfFreedom: 10), 0.01, relative: 1e-3)
        XCTAssertEqual(StudentT.twoSidedPValue(0, degreesOfFreedom: 5), 1)
        XCTAssertEqual(StudentT.twoSidedPValue(.infinity, degreesOfFreedom: 5), 0)
    }
}
