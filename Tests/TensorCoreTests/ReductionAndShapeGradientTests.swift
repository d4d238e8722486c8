import TensorCore
import XCTest
import _TensorTestSupport

final class ReductionAndShapeGradientTests: XCTestCase {
    func testReductionsOverAxesWithAndWithoutKeptDimensions() throws {
        let x = Tensor(shape: [2, 3], values: [1, 5, 3, 4, 2, 6])
        XCTAssertEqual(try x.sum(axes: [0]).values(), [5, 7, 9])
        XCTAssertEqual(try x.sum(axes: [1], keepDimensions: true).shape, [2, 1])
        XCTAssertEqual(try x.max(axes: [-1]).values(), [5, 6])
        XCTAssertEqual(try x.mean().values(), [3.5])
        let y = randomTensor([2, 3, 4], seed: 9)
        for axes in [[0], [1], [2], [0, 2], [0, 1, 2]] {
            for keep in [false, true] {
                try assertGradientsMatchFiniteDifferences(inputs: [y]) { try $0[0].sum(axes: axes, keepDimensions: keep) }
                try assertGradientsMatchFiniteDifferences(inputs: [y]) { try $0[0].max(axes: axes, keepDimensions: keep) }
                try assertGradientsMatchFiniteDifferences(inputs: [y]) { try $0[0].mean(axes: axes, keepDimensions: keep) }
            }
        }
    }

    func testShapeOpsHaveCorrectGradients() throws {
        let x = randomTensor([2, 3, 4], seed: 10)
        try assertGradientsMatchFiniteDifferences(inputs: [x]) { try $0[0].reshaped([6, 4]) }
        try assertGradientsMatchFiniteDifferences(inputs: [x]) { try $0[0].permuted([2, 0, 1]) }
        try assertGradientsMatchFiniteDifferences(inputs: [x]) { try $0[0].transposed() }
        let row = randomTensor([1, 4], seed: 11)
        try assertGradientsMatchFiniteDifferences(inputs: [row]) { try $0[0].expanded(to: [3, 4]) }
    }

    func testPermuteMovesAxes() throws {
        let x = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(try x.transposed().values(), [1, 4, 2, 5, 3, 6])
    }
}
