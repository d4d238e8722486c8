import TensorCore
import XCTest
import _TensorTestSupport

final class ElementwiseGradientTests: XCTestCase {
    func testBroadcastBinaryOpsHaveCorrectGradients() throws {
        let a = randomTensor([3, 4], seed: 1), b = randomTensor([4], seed: 2)
        let positive = try randomTensor([1, 4], seed: 3).square() + 0.5
        try assertGradientsMatchFiniteDifferences(inputs: [a, b]) { try $0[0] + $0[1] }
        try assertGradientsMatchFiniteDifferences(inputs: [a, b]) { try $0[0] - $0[1] }
        try assertGradientsMatchFiniteDifferences(inputs: [a, b]) { try $0[0] * $0[1] }
        try assertGradientsMatchFiniteDifferences(inputs: [a, positive]) { try $0[0] / $0[1] }
        let column = randomTensor([2, 3, 1], seed: 4)
        try assertGradientsMatchFiniteDifferences(inputs: [a, column]) { try $0[0] * $0[1] }
    }

    func testUnaryOpsHaveCorrectGradients() throws {
        let x = randomTensor([2, 5], seed: 5)
        let positive = try x.square() + 0.5
        let functions: [UnaryFunction] = [.negate, .exp, .tanh, .sigmoid, .square, .geluTanh, .geluErf, .scale(3), .shift(2)]
        for function in functions {
            try assertGradientsMatchFiniteDifferences(inputs: [x]) { try $0[0].map(function) }
        }
        for function in [UnaryFunction.log, .sqrt, .rsqrt, .reciprocal] {
            try assertGradientsMatchFiniteDifferences(inputs: [positive]) { try $0[0].map(function) }
        }
        // ReLU's kink: keep inputs away from 0 so the finite difference does not straddle it.
        let awayFromZero = Tensor(shape: [6], values: [-2, -1, -0.5, 0.5, 1, 2])
        try assertGradientsMatchFiniteDifferences(inputs: [awayFromZero]) { try $0[0].relu() }
    }

    func testBroadcastingProducesNumPyValues() throws {
        let a = Tensor(shape: [2, 1], values: [1, 2]), b = Tensor(shape: [3], values: [10, 20, 30])
        XCTAssertEqual(try (a + b).values(), [11, 21, 31, 12, 22, 32])
        XCTAssertEqual(try (a * b).shape, [2, 3])
    }

    func testIncompatibleShapesThrowNamingOpAndShapes() {
        let a = Tensor.zeros([3, 4]), b = Tensor.zeros([5])
        XCTAssertThrowsError(try a + b) { error in
            XCTAssertEqual("\(error)", "add: incompatible shapes [3×4] and [5]: not broadcastable")
        }
    }
}
