import TensorCore
import XCTest
import _TestSupport
import _TensorTestSupport

/// Direct-loop references, written for clarity rather than speed.
private func naiveConv2d(_ x: [Float], _ xs: [Int], _ w: [Float], _ ws: [Int], bias: [Float]?, stride: Int, padding: Int) -> [Float] {
    let (n, c, h, wi) = (xs[0], xs[1], xs[2], xs[3]), (o, kh, kw) = (ws[0], ws[2], ws[3])
    let oh = (h + 2 * padding - kh) / stride + 1, ow = (wi + 2 * padding - kw) / stride + 1
    var out = [Float](repeating: 0, count: n * o * oh * ow)
    for b in 0..<n { for oc in 0..<o { for y in 0..<oh { for x0 in 0..<ow {
        var total: Float = bias?[oc] ?? 0
        for ic in 0..<c { for i in 0..<kh { for j in 0..<kw {
            let iy = y * stride - padding + i, ix = x0 * stride - padding + j
            guard iy >= 0, iy < h, ix >= 0, ix < wi else { continue }
            total += x[((b * c + ic) * h + iy) * wi + ix] * w[((oc * c + ic) * kh + i) * kw + j]
        } } }
        out[((b * o + oc) * oh + y) * ow + x0] = total
    } } } }
    return out
}

private func naivePool(_ x: [Float], _ xs: [Int], kernel: Int, stride: Int, padding: Int, max: Bool) -> [Float] {
    let (planes, h, w) = (xs[0] * xs[1], xs[2], xs[3])
    let oh = (h + 2 * padding - kernel) / stride + 1, ow = (w + 2 * padding - kernel) / stride + 1
    var out: [Float] = []
    for p in 0..<planes { for y in 0..<oh { for x0 in 0..<ow {
        var best = -Float.infinity, total: Float = 0
        for i in 0..<kernel { for j in 0..<kernel {
            let iy = y * stride - padding + i, ix = x0 * stride - padding + j
            guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
            best = Swift.max(best, x[(p * h + iy) * w + ix]); total += x[(p * h + iy) * w + ix]
        } }
        out.append(max ? best : total / Float(kernel * kernel))
    } } }
    return out
}

/// Distinct values 0.1 apart in a seeded order: no ties within a finite-difference step, so max-pool's
/// gradient is well defined at every element.
private func distinctTensor(_ shape: Shape, seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    let values = (0..<shape.elementCount).map { Float($0) * 0.1 - Float(shape.elementCount) * 0.05 }.shuffled(using: &generator)
    return Tensor(shape: shape, values: values)
}

final class ConvolutionAndPoolingTests: XCTestCase {
    func testConv2dMatchesDirectLoopForStridesPaddingsAndNonSquareKernels() throws {
        let cases: [(input: Shape, weight: Shape, stride: Int, padding: Int)] = [
            ([2, 3, 5, 6], [4, 3, 3, 3], 1, 0),
            ([2, 3, 5, 6], [4, 3, 3, 3], 1, 1),
            ([1, 2, 7, 5], [3, 2, 2, 3], 2, 1),
            ([3, 1, 6, 6], [2, 1, 1, 1], 2, 0),
        ]
        for (index, item) in cases.enumerated() {
            let x = randomTensor(item.input, seed: UInt64(10 + index)), w = randomTensor(item.weight, seed: UInt64(20 + index))
            let b = randomTensor([item.weight[0]], seed: UInt64(30 + index))
            let actual = try x.conv2d(w, bias: b, stride: item.stride, padding: item.padding)
            let expected = naiveConv2d(try x.values(), item.input.dimensions, try w.values(), item.weight.dimensions,
                                       bias: try b.values(), stride: item.stride, padding: item.padding)
            assertAllClose(try actual.values(), expected, relative: 1e-4, absolute: 1e-5, "case \(index)")
            let oh = (item.input[2] + 2 * item.padding - item.weight[2]) / item.stride + 1
            let ow = (item.input[3] + 2 * item.padding - item.weight[3]) / item.stride + 1
            XCTAssertEqual(actual.shape, [item.input[0], item.weight[0], oh, ow])
        }
    }

    func testConv2dGradientsForInputWeightAndBias() throws {
        let x = randomTensor([2, 2, 5, 4], seed: 1), w = randomTensor([3, 2, 3, 2], seed: 2, scale: 0.5)
        let b = randomTensor([3], seed: 3)
        try assertGradientsMatchFiniteDifferences(inputs: [x, w, b]) { try $0[0].conv2d($0[1], bias: $0[2]) }
        try assertGradientsMatchFiniteDifferences(inputs: [x, w, b]) {
            try $0[0].conv2d($0[1], bias: $0[2], stride: 2, padding: 1)
        }
        try assertGradientsMatchFiniteDifferences(inputs: [x, w]) {
            try $0[0].conv2d($0[1], stride: (1, 2), padding: (2, 0))
        }
    }

    func testIm2ColAndCol2ImAreAdjointAndDifferentiable() throws {
        let window = Window2D(kernel: (2, 3), stride: (2, 1), padding: (1, 1))
        let x = randomTensor([2, 3, 4, 5], seed: 4)
        try assertGradientsMatchFiniteDifferences(inputs: [x]) { try Tensor.apply(Im2Col(window), $0) }
        let columns = try Tensor.apply(Im2Col(window), [x])
        let y = randomTensor(columns.shape, seed: 5)
        try assertGradientsMatchFiniteDifferences(inputs: [y]) { try Tensor.apply(Col2Im(window, imageShape: x.shape), $0) }
        // <im2col(x), y> == <x, col2im(y)>
        let left = try (columns * y).sum().scalarValue()
        let right = try (x * Tensor.apply(Col2Im(window, imageShape: x.shape), [y])).sum().scalarValue()
        XCTAssertEqual(left, right, accuracy: 1e-3 * Swift.max(1, Swift.abs(left)))
    }

    func testConvKernelLargerThanInputThrowsNamingOpAndBothShapes() {
        XCTAssertThrowsError(try Tensor.zeros([1, 1, 2, 2]).conv2d(Tensor.zeros([1, 1, 3, 3]))) { error in
            guard case let .shapeMismatch(op, shapes, reason)? = error as? TensorError else { return XCTFail("\(error)") }
            XCTAssertEqual(op, "conv2d")
            XCTAssertEqual(shapes, [[1, 1, 2, 2], [1, 1, 3, 3]])
            XCTAssertTrue(reason.contains("larger"), reason)
            XCTAssertTrue("\(error)".contains("[1×1×2×2] and [1×1×3×3]"), "\(error)")
        }
        XCTAssertThrowsError(try Tensor.zeros([1, 2, 5, 5]).conv2d(Tensor.zeros([4, 3, 3, 3]))) { error in
            guard case let .shapeMismatch(op, shapes, _)? = error as? TensorError else { return XCTFail("\(error)") }
            XCTAssertEqual(op, "conv2d")
            XCTAssertEqual(shapes, [[1, 2, 5, 5], [4, 3, 3, 3]])
        }
        XCTAssertThrowsError(try Tensor.zeros([2, 5, 5]).maxPool2d(kernel: 2)) { error in
            guard case let .shapeMismatch(op, _, _)? = error as? TensorError else { return XCTFail("\(error)") }
            XCTAssertEqual(op, "max_pool2d")
        }
    }

    func testMaxPoolMatchesDirectLoopAndRoutesGradientToTheMaximum() throws {
        let x = distinctTensor([2, 3, 5, 6], seed: 6)
        for (kernel, stride, padding) in [(2, 2, 0), (3, 1, 1), (3, 2, 1), (2, 3, 0)] {
            let actual = try x.maxPool2d(kernel: kernel, stride: stride, padding: padding)
            XCTAssertEqual(try actual.values(), naivePool(try x.values(), [2, 3, 5, 6], kernel: kernel, stride: stride,
                                                          padding: padding, max: true), "k\(kernel) s\(stride) p\(padding)")
            try assertGradientsMatchFiniteDifferences(inputs: [x]) {
                try $0[0].maxPool2d(kernel: kernel, stride: stride, padding: padding)
            }
        }
        let tiny = Tensor(shape: [1, 1, 2, 2], values: [1, 4, 3, 2])
        let pooled = try tiny.asLeaf().maxPool2d(kernel: 2)
        XCTAssertEqual(try Gradients.of(pooled, withRespectTo: [pooled.origin!.inputs[0]])[0].values(), [0, 1, 0, 0])
        let tie = try Tensor.filled([1, 1, 2, 2], value: 2).asLeaf().maxPool2d(kernel: 2)
        XCTAssertEqual(try Gradients.of(tie, withRespectTo: [tie.origin!.inputs[0]])[0].values(), [1, 0, 0, 0],
                       "ties send the whole cotangent to the first maximum")
    }

    func testAvgPoolMatchesDirectLoopIncludingPaddingAndHasGradients() throws {
        let x = randomTensor([2, 2, 5, 4], seed: 7)
        for (kernel, stride, padding) in [(2, 2, 0), (3, 1, 1), (3, 2, 1)] {
            let actual = try x.avgPool2d(kernel: kernel, stride: stride, padding: padding)
            assertAllClose(try actual.values(), naivePool(try x.values(), [2, 2, 5, 4], kernel: kernel, stride: stride,
                                                          padding: padding, max: false), relative: 1e-5, absolute: 1e-6)
            try assertGradientsMatchFiniteDifferences(inputs: [x]) {
                try $0[0].avgPool2d(kernel: kernel, stride: stride, padding: padding)
            }
        }
        let window = Window2D(kernel: 3, stride: 2, padding: 1)
        try assertGradientsMatchFiniteDifferences(inputs: [randomTensor([2, 2, 3, 2], seed: 8)]) {
            try Tensor.apply(AveragePooling2DBackward(window, imageShape: [2, 2, 5, 4]), $0)
        }
    }

    func testPoolPaddingOverHalfTheKernelIsRejected() {
        XCTAssertThrowsError(try Tensor.zeros([1, 1, 4, 4]).avgPool2d(kernel: 2, padding: 2)) { error in
            guard case let .invalidAttribute(op, shapes, _)? = error as? TensorError else { return XCTFail("\(error)") }
            XCTAssertEqual(op, "avg_pool2d")
            XCTAssertEqual(shapes, [[1, 1, 4, 4]])
        }
    }
}
