import CBLAS
import OpenCLRuntime
import TensorCore
import XCTest
import _TestSupport

final class GEMMKernelTests: XCTestCase {
    /// cblas_sgemm's result for the same operands, the reference every GEMM case is held to.
    private func reference(m: Int, n: Int, k: Int, a: [Float], b: [Float], c: [Float], transposeA: Bool,
                           transposeB: Bool, alpha: Float = 1, beta: Float = 0) -> [Float] {
        var output = c
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n),
                    beta, &output, Int32(n))
        return output
    }

    private func checkProduct(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let context = try OpenCLTestSupport.context()
        let a = OpenCLTestSupport.randomValues(m * k, seed: 1), b = OpenCLTestSupport.randomValues(k * n, seed: 2)
        let gemm = try GEMMKernel(context: context, transposeA: transposeA, transposeB: transposeB)
        let output = try context.makeBuffer(count: m * n)
        try gemm.encode(m: m, n: n, k: k, a: try context.makeBuffer(values: a), b: try context.makeBuffer(values: b), c: output)
        let expected = reference(m: m, n: n, k: k, a: a, b: b, c: [Float](repeating: 0, count: m * n),
                                 transposeA: transposeA, transposeB: transposeB)
        assertAllClose(try output.download(), expected, relative: 1e-4, absolute: 1e-4 * Float(k).squareRoot(),
                       "\(m)×\(n)×\(k) tA \(transposeA) tB \(transposeB)", file: file, line: line)
    }

    func testAwkwardShapesMatchCBLASForEveryTransposeCombination() throws {
        for (m, n, k) in [(1, 1, 1), (17, 33, 65), (64, 1, 128), (1, 70, 3), (67, 131, 40)] {
            for transposeA in [false, true] {
                for transposeB in [false, true] {
                    try checkProduct(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
                }
            }
        }
    }

    func testLargeSquareProductMatchesCBLAS() throws {
        try checkProduct(m: 1024, n: 1024, k: 1024, transposeA: false, transposeB: false)
    }

    func testBiasAndReLUEpilogueMatchesReferenceForEveryTransposeCombination() throws {
        let context = try OpenCLTestSupport.context()
        let m = 19, n = 37, k = 23
        let a = OpenCLTestSupport.randomValues(m * k, seed: 3), b = OpenCLTestSupport.randomValues(k * n, seed: 4)
        let bias = OpenCLTestSupport.randomValues(n, seed: 5)
        for transposeA in [false, true] {
            for transposeB in [false, true] {
                let gemm = try GEMMKernel(context: context, transposeA: transposeA, transposeB: transposeB,
                                          epilogue: GEMMEpilogue(hasBias: true, activation: .relu))
                let output = try context.makeBuffer(count: m * n)
                try gemm.encode(m: m, n: n, k: k, a: try context.makeBuffer(values: a), b: try context.makeBuffer(values: b),
                                c: output, bias: try context.makeBuffer(values: bias))
                let product = reference(m: m, n: n, k: k, a: a, b: b, c: [Float](repeating: 0, count: m * n),
                                        transposeA: transposeA, transposeB: transposeB)
                let expected = product.indices.map { Swift.max(product[$0] + bias[$0 % n], 0) }
                assertAllClose(try output.download(), expected, relative: 1e-4, absolute: 1e-4,
                               "tA \(transposeA) tB \(transposeB)")
            }
        }
    }

    func testAlphaAndBetaAccumulateIntoExistingOutput() throws {
        let context = try OpenCLTestSupport.context()
        let m = 33, n = 65, k = 17
        let a = OpenCLTestSupport.randomValues(m * k, seed: 6), b = OpenCLTestSupport.randomValues(k * n, seed: 7)
        let c = OpenCLTestSupport.randomValues(m * n, seed: 8)
        let gemm = try GEMMKernel(context: context)
        let output = try context.makeBuffer(values: c)
        try gemm.encode(m: m, n: n, k: k, a: try context.makeBuffer(values: a), b: try context.makeBuffer(values: b),
                        c: output, alpha: 0.5, beta: 2)
        let expected = reference(m: m, n: n, k: k, a: a, b: b, c: c, transposeA: false, transposeB: false,
                                 alpha: 0.5, beta: 2)
        assertAllClose(try output.download(), expected, relative: 1e-4, absolute: 1e-4)
    }

    func testGELUEpilogueMatchesTensorCoreGELU() throws {
        let context = try OpenCLTestSupport.context()
        let m = 8, n = 12, k = 5
        let a = OpenCLTestSupport.randomValues(m * k, seed: 9), b = OpenCLTestSupport.randomValues(k * n, seed: 10)
        let gemm = try GEMMKernel(context: context, epilogue: GEMMEpilogue(activation: .geluTanh))
        let output = try context.makeBuffer(count: m * n)
        try gemm.encode(m: m, n: n, k: k, a: try context.makeBuffer(values: a), b: try context.makeBuffer(values: b), c: output)
        let expected = try Tensor(shape: [m, k], values: a).matmul(Tensor(shape: [k, n], values: b)).gelu().values()
        assertAllClose(try output.download(), expected, relative: 1e-4, absolute: 1e-5)
    }

    func testBatchedProductWithSharedRightOperandMatchesPerItemProducts() throws {
        let context = try OpenCLTestSupport.context()
        let batch = 3, m = 5, n = 9, k = 7
        let a = OpenCLTestSupport.randomValues(batch * m * k, seed: 11), b = OpenCLTestSupport.randomValues(k * n, seed: 12)
        let output = try context.makeBuffer(count: batch * m * n)
        try GEMMKernel(context: context).encode(m: m, n: n, k: k, a: try context.makeBuffer(values: a),
                                                b: try context.makeBuffer(values: b), c: output, batch: batch, sharedB: true)
        let expected = reference(m: batch * m, n: n, k: k, a: a, b: b, c: [Float](repeating: 0, count: batch * m * n),
                                 transposeA: false, transposeB: false)
        assertAllClose(try output.download(), expected, relative: 1e-4, absolute: 1e-4)
    }
}
