import OpenCLRuntime
import TensorCore
import XCTest
import _TestSupport

final class ElementwiseKernelTests: XCTestCase {
    func testFusedChainWithBroadcastingMatchesTensorCore() throws {
        let context = try OpenCLTestSupport.context()
        let a = OpenCLTestSupport.randomValues(2 * 3 * 4, seed: 31), b = OpenCLTestSupport.randomValues(4, seed: 32)
        let c = OpenCLTestSupport.randomValues(3, seed: 33)
        let shapes: [Shape] = [[2, 3, 4], [4], [3, 1]]
        // relu(a * b + c), b broadcast over rows, c over columns.
        let expression = (ElementwiseExpression.input(0) * .input(1) + .input(2)).map(.relu)
        let kernel = try ElementwiseKernel(context: context, outputs: [expression], inputShapes: shapes, outputShape: [2, 3, 4])
        let output = try context.makeBuffer(count: 24)
        try kernel.encode(inputs: [a, b, c].map { try context.makeBuffer(values: $0) }, outputs: [output])
        let expected = try (Tensor(shape: shapes[0], values: a) * Tensor(shape: shapes[1], values: b)
                            + Tensor(shape: shapes[2], values: c)).relu().values()
        assertAllClose(try output.download(), expected)
    }

    func testEveryUnaryFunctionMatchesTensorCore() throws {
        let context = try OpenCLTestSupport.context()
        let positive = OpenCLTestSupport.randomValues(64, seed: 34).map { Swift.abs($0) + 0.1 }
        let mixed = positive.indices.map { $0 % 2 == 0 ? positive[$0] : -positive[$0] + 0.05 }
        let onMixed: [UnaryFunction] = [.negate, .exp, .tanh, .sigmoid, .relu, .square, .reciprocal, .abs, .positiveMask,
                                        .geluTanh, .geluTanhDerivative, .geluErf, .geluErfDerivative, .scale(-2.5),
                                        .shift(1e-3)]
        let onPositive: [UnaryFunction] = [.log, .sqrt, .rsqrt]
        // All functions as outputs of one kernel: one build instead of eighteen.
        let outputs = onMixed.map { ElementwiseExpression.input(0).map($0) } + onPositive.map { .input(1).map($0) }
        let shape: Shape = [64]
        let kernel = try ElementwiseKernel(context: context, outputs: outputs, inputShapes: [shape, shape], outputShape: shape)
        let buffers = try outputs.map { _ in try context.makeBuffer(count: 64) }
        try kernel.encode(inputs: [try context.makeBuffer(values: mixed), try context.makeBuffer(values: positive)],
                          outputs: buffers)
        let cases = onMixed.map { ($0, mixed) } + onPositive.map { ($0, positive) }
        for ((function, input), buffer) in zip(cases, buffers) {
            let expected = try Tensor(shape: shape, values: input).map(function).values()
            assertAllClose(try buffer.download(), expected, relative: 2e-6, absolute: 1e-6, "\(function.name)")
        }
    }

    func testMultipleOutputsShareOnePassAndSubexpressions() throws {
        let context = try OpenCLTestSupport.context()
        let x = OpenCLTestSupport.randomValues(10, seed: 35), g = OpenCLTestSupport.randomValues(10, seed: 36)
        let activation = ElementwiseExpression.input(0).map(.relu)
        // A forward output and the ReLU backward product from one kernel.
        let outputs: [ElementwiseExpression] = [activation, .input(1) * ElementwiseExpression.input(0).map(.positiveMask),
                                                activation * .constant(0.5)]
        let kernel = try ElementwiseKernel(context: context, outputs: outputs, inputShapes: [[10], [10]], outputShape: [10])
        XCTAssertEqual(kernel.source.components(separatedBy: "> 0.0f ?").count - 1, 2,
                       "relu and positive_mask each appear once even though relu is used twice")
        let buffers = try (0..<3).map { _ in try context.makeBuffer(count: 10) }
        try kernel.encode(inputs: [try context.makeBuffer(values: x), try context.makeBuffer(values: g)], outputs: buffers)
        assertAllClose(try buffers[0].download(), x.map { Swift.max($0, 0) })
        assertAllClose(try buffers[1].download(), zip(x, g).map { $0 > 0 ? $1 : 0 })
        assertAllClose(try buffers[2].download(), x.map { Swift.max($0, 0) * 0.5 })
    }

    func testScalarInputAndBinaryFunctionsMatchTensorCore() throws {
        let context = try OpenCLTestSupport.context()
        let a = OpenCLTestSupport.randomValues(12, seed: 37), s: [Float] = [1.5]
        let tensorA = Tensor(shape: [3, 4], values: a), tensorS = Tensor(shape: [1], values: s)
        let functions: [BinaryFunction] = [.add, .subtract, .multiply, .divide, .equalMask]
        let kernel = try ElementwiseKernel(context: context, outputs: functions.map { .binary($0, .input(0), .input(1)) },
                                           inputShapes: [[3, 4], [1]], outputShape: [3, 4])
        let buffers = try functions.map { _ in try context.makeBuffer(count: 12) }
        try kernel.encode(inputs: [try context.makeBuffer(values: a), try context.makeBuffer(values: s)], outputs: buffers)
        for (function, buffer) in zip(functions, buffers) {
            assertAllClose(try buffer.download(), try tensorA.binary(function, tensorS).values(), "\(function)")
        }
    }

    func testSameExpressionReusesTheCachedProgram() throws {
        let context = try OpenCLTestSupport.freshContext()
        let expression = ElementwiseExpression.input(0).map(.tanh) + .constant(0.25)
        _ = try ElementwiseKernel(context: context, outputs: [expression], inputShapes: [[5]], outputShape: [5])
        _ = try ElementwiseKernel(context: context, outputs: [expression], inputShapes: [[7]], outputShape: [7])
        XCTAssertEqual(context.buildStatistics.records.last?.cacheHit, true)
    }

    func testIncompatibleBroadcastThrowsTypedError() throws {
        let context = try OpenCLTestSupport.context()
        XCTAssertThrowsError(try ElementwiseKernel(context: context, outputs: [.input(0)], inputShapes: [[3]],
                                                   outputShape: [2, 4])) { error in
            XCTAssertTrue("\(error)".contains("does not broadcast"), "\(error)")
        }
    }
}
