import TensorCore
import XCTest
import _TensorTestSupport

final class SliceAndConcatTests: XCTestCase {
    func testSliceTakesTheRequestedBoxOfEveryAxis() throws {
        let x = Tensor(shape: [2, 3, 4], values: (0..<24).map(Float.init))
        let box = try x.slice(starts: [1, 0, 1], ends: [2, 2, 3])
        XCTAssertEqual(box.shape, [1, 2, 2])
        XCTAssertEqual(try box.values(), [13, 14, 17, 18])
        XCTAssertEqual(try x.slice(axis: -1, range: 3..<4).values(), [3, 7, 11, 15, 19, 23])
    }

    func testSliceGradientPadsTheCotangentBackWithZeros() throws {
        let x = randomTensor([3, 4, 5], seed: 1)
        try assertGradientsMatchFiniteDifferences(inputs: [x]) { try $0[0].slice(starts: [1, 0, 2], ends: [3, 3, 5]) }
        try assertGradientsMatchFiniteDifferences(inputs: [x]) { try $0[0].slice(axis: 1, range: 1..<2) }
        let g = try Tensor.apply(Slice(starts: [1, 2], ends: [2, 4]), [Tensor.filled([3, 4], value: 1, requiresGradient: true)])
        let gradient = try Gradients.of(g, withRespectTo: [g.origin!.inputs[0]])[0]
        XCTAssertEqual(try gradient.values(), [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0])
    }

    func testPadPlacesZerosAroundAndItsGradientSlices() throws {
        let x = Tensor(shape: [1, 2], values: [1, 2])
        XCTAssertEqual(try x.padded(before: [1, 0], after: [0, 1]).values(), [0, 0, 0, 1, 2, 0])
        try assertGradientsMatchFiniteDifferences(inputs: [randomTensor([2, 3], seed: 2)]) {
            try $0[0].padded(before: [1, 2], after: [2, 0])
        }
    }

    func testSliceOutsideTheInputThrowsNamingOpAndShape() {
        XCTAssertThrowsError(try Tensor.zeros([2, 3]).slice(axis: 1, range: 2..<5)) { error in
            guard case let .invalidAttribute(op, shapes, reason)? = error as? TensorError else { return XCTFail("\(error)") }
            XCTAssertEqual(op, "slice")
            XCTAssertEqual(shapes, [[2, 3]])
            XCTAssertTrue(reason.contains("2..<5"), reason)
        }
    }

    func testConcatJoinsAlongAnyAxisWithSliceGradients() throws {
        let a = Tensor(shape: [2, 1], values: [1, 2]), b = Tensor(shape: [2, 2], values: [3, 4, 5, 6])
        XCTAssertEqual(try Tensor.concat([a, b], axis: 1).values(), [1, 3, 4, 2, 5, 6])
        XCTAssertEqual(try Tensor.concat([a, a], axis: 0).values(), [1, 2, 1, 2])
        let x = randomTensor([2, 3, 4], seed: 3), y = randomTensor([2, 1, 4], seed: 4), z = randomTensor([2, 2, 4], seed: 5)
        try assertGradientsMatchFiniteDifferences(inputs: [x, y, z]) { try Tensor.concat($0, axis: 1) }
        try assertGradientsMatchFiniteDifferences(inputs: [x, randomTensor([2, 3, 1], seed: 6)]) {
            try Tensor.concat($0, axis: -1)
        }
        try assertGradientsMatchFiniteDifferences(inputs: [x, x]) { try Tensor.concat($0, axis: 0) }
    }

    func testSwapLeadingAxesEqualsPermuteAndIsItsOwnGradient() throws {
        let x = randomTensor([3, 4, 2, 5], seed: 7)
        XCTAssertEqual(try Tensor.apply(SwapLeadingAxes(), [x]).values(), try x.permuted([1, 0, 2, 3]).values())
        try assertGradientsMatchFiniteDifferences(inputs: [randomTensor([3, 2, 4], seed: 8)]) {
            try Tensor.apply(SwapLeadingAxes(), $0)
        }
    }

    func testConcatOfMismatchedShapesThrowsNamingBothShapes() {
        XCTAssertThrowsError(try Tensor.concat([Tensor.zeros([2, 3]), Tensor.zeros([3, 4])], axis: 0)) { error in
            guard case let .shapeMismatch(op, shapes, _)? = error as? TensorError else { return XCTFail("\(error)") }
            XCTAssertEqual(op, "concat")
            XCTAssertEqual(shapes, [[2, 3], [3, 4]])
        }
    }
}
