import OpenCLRuntime
import TensorCore
import XCTest
import _TestSupport

final class LossAndOptimizerKernelTests: XCTestCase {
    func testSoftmaxCrossEntropyForwardAndBackwardMatchTensorCore() throws {
        let context = try OpenCLTestSupport.context()
        let rows = 37, classes = 10
        let logits = OpenCLTestSupport.randomValues(rows * classes, seed: 51).map { $0 * 3 }
        let labels = (0..<rows).map { Float(($0 * 7) % classes) }
        let kernel = try SoftmaxCrossEntropyKernel(context: context)
        let deviceLogits = try context.makeBuffer(values: logits), deviceLabels = try context.makeBuffer(values: labels)
        let loss = try context.makeBuffer(count: 1), rowLosses = try context.makeBuffer(count: rows)
        try kernel.encodeForward(logits: deviceLogits, labels: deviceLabels, rows: rows, classes: classes,
                                 rowLosses: rowLosses, loss: loss)
        let cotangent = try context.makeBuffer(values: [2])
        let gradient = try context.makeBuffer(count: rows * classes)
        try kernel.encodeBackward(logits: deviceLogits, labels: deviceLabels, rows: rows, classes: classes,
                                  cotangent: cotangent, gradient: gradient)

        let x = Tensor(shape: [rows, classes], values: logits).asLeaf()
        let expectedLoss = try x.softmaxCrossEntropy(labels: Tensor(shape: [rows], values: labels))
        assertAllClose(try loss.download(), try expectedLoss.values(), relative: 1e-5, absolute: 1e-6)
        let expectedGradient = try SoftmaxCrossEntropy().vjp(inputs: [x, Tensor(shape: [rows], values: labels)],
                                                             output: expectedLoss, cotangent: Tensor(shape: .scalar, values: [2]))
        let hostGradient = try XCTUnwrap(expectedGradient[0])
        assertAllClose(try gradient.download(), try hostGradient.values(), relative: 1e-5, absolute: 1e-7)
    }

    func testSGDMomentumUpdatesMatchTensorCoreOverThreeSteps() throws {
        for (nesterov, weightDecay) in [(false, Float(0)), (true, Float(0.01))] {
            let context = try OpenCLTestSupport.context()
            let initial = OpenCLTestSupport.randomValues(50, seed: 52)
            let parameter = Parameter(name: "w", value: Tensor(shape: [50], values: initial))
            let optimizer = SGD(learningRate: 0.1, momentum: 0.9, nesterov: nesterov, weightDecay: weightDecay)
            let kernels = try OptimizerKernels(context: context)
            let deviceParameter = try context.makeBuffer(values: initial), velocity = try context.makeBuffer(count: 50)
            try velocity.fill(0)
            for step in 0..<3 {
                let gradient = OpenCLTestSupport.randomValues(50, seed: 60 + UInt64(step))
                try optimizer.update([parameter], gradients: [Tensor(shape: [50], values: gradient)])
                try kernels.encodeSGD(parameter: deviceParameter, gradient: try context.makeBuffer(values: gradient),
                                      velocity: velocity, learningRate: 0.1, momentum: 0.9, nesterov: nesterov,
                                      weightDecay: weightDecay)
            }
            assertAllClose(try deviceParameter.download(), try parameter.value.values(), relative: 1e-6, absolute: 1e-6,
                           "nesterov \(nesterov)")
        }
    }

    func testAdamAndAdamWUpdatesMatchTensorCoreOverThreeSteps() throws {
        for decoupled in [false, true] {
            let context = try OpenCLTestSupport.context()
            let initial = OpenCLTestSupport.randomValues(40, seed: 53)
            let parameter = Parameter(name: "w", value: Tensor(shape: [40], values: initial))
            let optimizer = Adam(learningRate: 1e-2, weightDecay: 0.1, decoupledWeightDecay: decoupled)
            let kernels = try OptimizerKernels(context: context)
            let deviceParameter = try context.makeBuffer(values: initial)
            let first = try context.makeBuffer(count: 40), second = try context.makeBuffer(count: 40)
            try first.fill(0)
            try second.fill(0)
            for step in 1...3 {
                let gradient = OpenCLTestSupport.randomValues(40, seed: 70 + UInt64(step))
                try optimizer.update([parameter], gradients: [Tensor(shape: [40], values: gradient)])
                try kernels.encodeAdam(parameter: deviceParameter, gradient: try context.makeBuffer(values: gradient),
                                       firstMoment: first, secondMoment: second, step: step, learningRate: 1e-2,
                                       weightDecay: 0.1, decoupledWeightDecay: decoupled)
            }
            assertAllClose(try deviceParameter.download(), try parameter.value.values(), relative: 1e-5, absolute: 1e-6,
                           "decoupled \(decoupled)")
        }
    }
}
