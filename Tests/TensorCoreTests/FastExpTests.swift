import Foundation
import TensorCore
import XCTest
import _TestSupport

final class FastExpTests: XCTestCase {
    func testMatchesDoublePrecisionExpOverTheFiniteRange() {
        let inputs = stride(from: Float(-87), through: 88.5, by: 0.0137).map { $0 }
        assertAllClose(inputs.map(fastExp), inputs.map { Float(Foundation.exp(Double($0))) }, relative: 3e-7, absolute: 0)
    }

    func testSaturatesOutsideTheRangeAndKeepsNaN() {
        XCTAssertEqual(fastExp(-100), 0, "below the normal range: 0, not a subnormal")
        XCTAssertEqual(fastExp(-.infinity), 0, "a masked score contributes nothing to a softmax")
        XCTAssertEqual(fastExp(89), .infinity)
        XCTAssertEqual(fastExp(.infinity), .infinity)
        XCTAssertTrue(fastExp(.nan).isNaN, "a NaN must survive so divergence is detected")
        XCTAssertEqual(fastExp(0), 1)
    }
}

final class RowReductionsTests: XCTestCase {
    /// Lengths around the eight-wide blocks: empty, shorter than a block, exact blocks, blocks plus a tail.
    static let lengths = [0, 1, 7, 8, 9, 16, 23, 64, 100]

    func testSumMaximumDotAndDeviationsMatchPlainLoopsAtEveryTailLength() {
        var generator = SeededGenerator(seed: 3)
        for length in Self.lengths {
            let a = (0..<length).map { _ in Float.random(in: -4...4, using: &generator) }
            let b = (0..<length).map { _ in Float.random(in: -4...4, using: &generator) }
            a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    let base = x.baseAddress ?? UnsafePointer(bitPattern: 16)!, other = y.baseAddress ?? base
                    assertAllClose([RowReductions.sum(base, length)], [a.reduce(0, +)], relative: 1e-5, absolute: 1e-5)
                    XCTAssertEqual(RowReductions.maximum(base, length), a.max() ?? -.infinity, "length \(length)")
                    assertAllClose([RowReductions.dot(base, other, length)], [zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }],
                                   relative: 1e-5, absolute: 1e-5)
                    let center: Float = 0.25
                    assertAllClose([RowReductions.squaredDeviations(base, length, from: center)],
                                   [a.reduce(0) { $0 + ($1 - center) * ($1 - center) }], relative: 1e-5, absolute: 1e-5)
                }
            }
        }
    }
}
