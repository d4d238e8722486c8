import Foundation
import TensorCore
import XCTest
import _TestSupport

final class FastTanhTests: XCTestCase {
    func testFastTanhMatchesLibmAcrossTheRange() {
        var inputs: [Float] = []
        var x: Float = -12
        while x <= 12 { inputs.append(x); x += 0.0037 }
        inputs += [0, 1e-5, -1e-5, 3e-4, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        // A few ulp of Float32 near 1, and relative 1e-6 near 0.
        assertAllClose(inputs.map(fastTanh), inputs.map { Float(Foundation.tanh(Double($0))) }, relative: 1e-6, absolute: 3e-7)
    }
}
