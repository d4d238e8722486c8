import OpenCLRuntime
import TensorCore
import XCTest
import _TestSupport

final class ReductionKernelTests: XCTestCase {
    private func check(_ kind: ReductionKernel.Kind, shape: Shape, axes: [Int], strategy: ReductionKernel.Strategy,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let context = try OpenCLTestSupport.context()
        let values = OpenCLTestSupport.randomValues(shape.elementCount, seed: 41)
        let tensor = Tensor(shape: shape, values: values)
        let expected = try (kind == .sum ? tensor.sum(axes: axes) : tensor.max(axes: axes)).values()
        let output = try context.makeBuffer(count: expected.count)
        try ReductionKernel(context: context, kind: kind).encode(input: try context.makeBuffer(values: values), shape: shape,
                                                                  axes: axes, output: output, strategy: strategy)
        assertAllClose(try output.download(), expected, relative: 1e-5, absolute: 1e-5,
                       "\(kind) \(shape) axes \(axes) \(strategy)", file: file, line: line)
    }

    func testLastAxisSumAndMaxMatchTensorCoreWithBothStrategies() throws {
        for strategy in [ReductionKernel.Strategy.workGroupPerRow, .itemPerOutput] {
            for kind in [ReductionKernel.Kind.sum, .max] {
                try check(kind, shape: [7, 300], axes: [-1], strategy: strategy)
                try check(kind, shape: [3, 5, 1], axes: [2], strategy: strategy)
                try check(kind, shape: [2, 3], axes: [1], strategy: strategy)
            }
        }
    }

    func testLeadingAxesSumAndMaxMatchTensorCore() throws {
        for kind in [ReductionKernel.Kind.sum, .max] {
            try check(kind, shape: [128, 10], axes: [0], strategy: .automatic)
            try check(kind, shape: [4, 6, 33], axes: [0, 1], strategy: .automatic)
            try check(kind, shape: [4, 6, 33], axes: [1], strategy: .automatic)
        }
    }

    func testScaleTurnsSumIntoMean() throws {
        let context = try OpenCLTestSupport.context()
        let values = OpenCLTestSupport.randomValues(40, seed: 42)
        let output = try context.makeBuffer(count: 4)
        try ReductionKernel(context: context, kind: .sum).encode(input: try context.makeBuffer(values: values),
                                                                  shape: [4, 10], axes: [1], output: output, scale: 0.1)
        assertAllClose(try output.download(), try Tensor(shape: [4, 10], values: values).mean(axes: [1]).values(),
                       relative: 1e-5, absolute: 1e-6)
    }

    func testNonContiguousAxesAreRejectedWithAMessage() throws {
        let context = try OpenCLTestSupport.context()
        let input = try context.makeBuffer(count: 24), output = try context.makeBuffer(count: 3)
        XCTAssertThrowsError(try ReductionKernel(context: context, kind: .sum).encode(input: input, shape: [2, 3, 4],
                                                                                      axes: [0, 2], output: output)) {
            XCTAssertTrue("\($0)".contains("not one contiguous run"), "\($0)")
        }
    }
}
