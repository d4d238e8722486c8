import XCTest
@testable import Measurement

final class MonotonicClockTests: XCTestCase {
    func testClockNeverGoesBackwards() {
        var previous = MonotonicClock.now()
        for _ in 0..<1000 {
            let current = MonotonicClock.now()
            XCTAssertGreaterThanOrEqual(current, previous)
            previous = current
        }
    }

    func testMeasureCoversASleep() {
        let (value, nanoseconds) = MonotonicClock.measure { () -> Int in
            usleep(20_000)
            return 42
        }
        XCTAssertEqual(value, 42)
        XCTAssertGreaterThanOrEqual(nanoseconds, 19_000_000)
        XCTAssertLessThan(nanoseconds, 5_000_000_000)
    }
}
