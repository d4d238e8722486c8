import TensorCore
import XCTest
import _TestSupport
import _TensorTestSupport

final class SoftmaxAndLossTests: XCTestCase {
    func testSoftmaxIsStableForLargeLogits() throws {
        let x = Tensor(shape: [1, 3], values: [1000, 1001, 1002])
        let expected: [Float] = [0.09003057, 0.24472847, 0.66524096]
        assertAllClose(try x.softmax().values(), expected, relative: 1e-5)
        assertAllClose(try x.logSoftmax().exp().values(), expected, relative: 1e-5)
    }

    func testSoftmaxGradientsAlongEachAxis() throws {
        let x = randomTensor([3, 4], seed: 12)
        for axis in [0, 1] {
            try assertGradientsMatchFiniteDifferences(inputs: [x]) { try $0[0].softmax(axis: axis) }
            try assertGradientsMatchFiniteDifferences(inputs: [x]) { try $0[0].logSoftmax(axis: axis) }
        }
    }

    func testCrossEntropyMatchesDefinitionAndGradient() throws {
        let logits = randomTensor([4, 5], seed: 13)
        let labels = Tensor(shape: [4], values: [0, 3, 4, 1])
        let loss = try logits.softmaxCrossEntropy(labels: labels).scalarValue()
        let logProbabilities = try logits.logSoftmax().values()
        let reference = -(0..<4).map { logProbabilities[$0 * 5 + Int(try! labels.values()[$0])] }.reduce(0, +) / 4
        assertAllClose([loss], [reference], relative: 1e-5)
        try assertGradientsMatchFiniteDifferences(inputs: [logits]) { try $0[0].softmaxCrossEntropy(labels: labels) }
    }
}
