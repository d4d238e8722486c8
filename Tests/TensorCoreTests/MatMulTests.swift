import TensorCore
import XCTest
import _TensorTestSupport

final class MatMulTests: XCTestCase {
    func testMatMulMatchesHandComputedProduct() throws {
        let a = Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3, 2], values: [7, 8, 9, 10, 11, 12])
        XCTAssertEqual(try a.matmul(b).values(), [58, 64, 139, 154])
        XCTAssertEqual(try a.matmul(a, transposeB: true).values(), [14, 32, 32, 77])
        XCTAssertEqual(try a.matmul(a, transposeA: true).shape, [3, 3])
    }

    func testMatMulGradientsForEveryTransposeCombination() throws {
        for transposeA in [false, true] {
            for transposeB in [false, true] {
                let a = randomTensor(transposeA ? [4, 3] : [3, 4], seed: 1)
                let b = randomTensor(transposeB ? [5, 4] : [4, 5], seed: 2)
                try assertGradientsMatchFiniteDifferences(inputs: [a, b]) {
                    try $0[0].matmul($0[1], transposeA: transposeA, transposeB: transposeB)
                }
            }
        }
    }

    func testBatchedMatMulGradients() throws {
        let a = randomTensor([2, 3, 4], seed: 3), b = randomTensor([2, 4, 5], seed: 4), shared = randomTensor([4, 5], seed: 5)
        try assertGradientsMatchFiniteDifferences(inputs: [a, b]) { try $0[0].matmul($0[1]) }
        try assertGradientsMatchFiniteDifferences(inputs: [a, shared]) { try $0[0].matmul($0[1]) }
        let c = randomTensor([2, 5, 4], seed: 6)
        try assertGradientsMatchFiniteDifferences(inputs: [a, c]) { try $0[0].matmul($0[1], transposeB: true) }
    }

    func testMismatchedInnerDimensionsThrowTypedError() {
        XCTAssertThrowsError(try Tensor.zeros([3, 4]).matmul(Tensor.zeros([5, 6]))) { error in
            XCTAssertEqual(error as? TensorError,
                           .shapeMismatch(op: "matmul", shapes: [[3, 4], [5, 6]], reason: "inner dimensions 4 and 5 differ"))
            XCTAssertTrue("\(error)".contains("[3×4] and [5×6]"))
        }
    }
}
