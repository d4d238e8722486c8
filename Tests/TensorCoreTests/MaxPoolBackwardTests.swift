import TensorCore
import XCTest

/// The 2×2 max-pool gradient (a C kernel, for speed) routes each block's cotangent exactly as the scan-order rule
/// says: the first maximum (top-left, top-right, bottom-left, bottom-right) wins, ties included; an odd last row or
/// column gets 0; NaN follows Swift.max's rule, as the Swift kernel it replaced did.
final class MaxPoolBackwardTests: XCTestCase {
    /// The rule written plainly, one block at a time.
    private func reference(_ x: [Float], _ g: [Float], planes: Int, height: Int, width: Int) -> [Float] {
        var out = [Float](repeating: 0, count: x.count)
        let outputHeight = height / 2, outputWidth = width / 2
        for plane in 0..<planes {
            let base = plane * height * width
            for oh in 0..<outputHeight {
                for ow in 0..<outputWidth {
                    let positions = [(2 * oh, 2 * ow), (2 * oh, 2 * ow + 1), (2 * oh + 1, 2 * ow), (2 * oh + 1, 2 * ow + 1)]
                        .map { base + $0.0 * width + $0.1 }
                    let values = positions.map { x[$0] }
                    let maximum = Swift.max(Swift.max(values[0], values[1]), Swift.max(values[2], values[3]))
                    let winner = values.firstIndex { $0 >= maximum } ?? 3
                    out[positions[winner]] = g[(plane * outputHeight + oh) * outputWidth + ow]
                }
            }
        }
        return out
    }

    private func gradient(_ x: [Float], _ g: [Float], planes: Int, height: Int, width: Int) throws -> [Float] {
        let input = Tensor(shape: [1, planes, height, width], values: x)
        let cotangent = Tensor(shape: [1, planes, height / 2, width / 2], values: g)
        return try Tensor.apply(MaxPooling2DBackward(Window2D(kernel: 2, stride: 2)), [input, cotangent]).values()
    }

    func testTiesOddSizesAndRandomBlocksFollowTheScanOrderRule() throws {
        var generator = SystemRandomNumberGenerator()
        for (planes, height, width) in [(1, 2, 2), (3, 4, 6), (2, 5, 7), (4, 28, 28), (1, 3, 2), (2, 14, 15)] {
            // Few distinct values, so ties are common; the cotangent is distinct per block to see where it went.
            let x = (0..<(planes * height * width)).map { _ in Float(Int.random(in: 0...2, using: &generator)) }
            let g = (0..<(planes * (height / 2) * (width / 2))).map { Float($0 + 1) }
            XCTAssertEqual(try gradient(x, g, planes: planes, height: height, width: width),
                           reference(x, g, planes: planes, height: height, width: width), "\(planes)×\(height)×\(width)")
        }
    }

    func testAllEqualBlockRoutesToTheTopLeftAndNaNFollowsSwiftMax() throws {
        XCTAssertEqual(try gradient([1, 1, 1, 1], [5], planes: 1, height: 2, width: 2), [5, 0, 0, 0])
        for nanPosition in 0..<4 {
            var x: [Float] = [1, 2, 3, 0]
            x[nanPosition] = .nan
            XCTAssertEqual(try gradient(x, [7], planes: 1, height: 2, width: 2),
                           reference(x, [7], planes: 1, height: 2, width: 2), "NaN at \(nanPosition)")
        }
        let infinite: [Float] = [-.infinity, -.infinity, -.infinity, -.infinity]
        XCTAssertEqual(try gradient(infinite, [3], planes: 1, height: 2, width: 2), [3, 0, 0, 0])
    }

    func testTheOddLastRowAndColumnGetNoGradientEvenOverStaleMemory() throws {
        // Run twice on the same shape so pooled buffers with old contents are reused.
        for _ in 0..<2 {
            let out = try gradient([Float](repeating: 9, count: 15), [1, 2], planes: 1, height: 3, width: 5)
            XCTAssertEqual(out, [1, 0, 2, 0, 0,
                                 0, 0, 0, 0, 0,
                                 0, 0, 0, 0, 0])
        }
    }
}
