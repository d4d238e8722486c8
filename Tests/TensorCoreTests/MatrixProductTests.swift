import TensorCore
import XCTest
import _TensorTestSupport
import _TestSupport

/// The shape-aware product: every routine `MatrixProduct` may pick (GEMV over B for one row, GEMV over A for one
/// column, GEMM otherwise) against a naive triple loop, for every transpose combination, folded batches and
/// per-batch products, and through the gradients of a batch-1 layer.
final class MatrixProductTests: XCTestCase {
    override func tearDown() {
        MatrixProduct.policy = .measured
        Parallelism.setThreadCount(1)
        super.tearDown()
    }

    func testRoutineIsChosenByShape() {
        XCTAssertEqual(MatrixProduct.routine(m: 1, n: 256, k: 784), .gemvOverB)
        XCTAssertEqual(MatrixProduct.routine(m: 128, n: 1, k: 256), .gemvOverA)
        XCTAssertEqual(MatrixProduct.routine(m: 128, n: 256, k: 784), .gemm)
        XCTAssertEqual(MatrixProduct.routine(m: 1, n: 256, k: 1), .gemm, "an outer product stays a GEMM")
        XCTAssertEqual(MatrixProduct.routine(m: 1, n: 1, k: 5), .gemvOverB)
    }

    func testEveryShapeAndTransposeMatchesTheNaiveProductUnderEveryPolicy() throws {
        for policy in [MatrixProduct.Policy.alwaysGEMV, .alwaysGEMM, .measured] {
            MatrixProduct.policy = policy
            try checkEveryShapeAndTranspose(String(describing: policy))
        }
    }

    func testAMeasuredChoiceIsMadeOncePerShapeAndKept() throws {
        MatrixProduct.policy = .measured
        let x = randomTensor([1, 33], seed: 5), w = randomTensor([33, 17], seed: 6)
        _ = try x.matmul(w)
        let mine = MatrixProduct.measuredChoices.filter { $0.call.m == 1 && $0.call.n == 17 && $0.call.k == 33 }
        XCTAssertEqual(mine.count, 1)
        XCTAssertTrue([.gemm, .gemvOverB].contains(mine.first?.choice.routine), "\(mine)")
        _ = try x.matmul(w)
        XCTAssertEqual(MatrixProduct.measuredChoices.filter { $0.call.m == 1 && $0.call.n == 17 && $0.call.k == 33 }.count, 1)
    }

    func testSplitProductsMatchTheNaiveProductAtTwoAndThreeThreads() throws {
        // Large enough to split (row blocks when M ≥ N, column blocks otherwise, GEMV rows or columns), with ragged
        // last blocks; small products stay whole.
        let shapes = [(100, 45, 40), (37, 300, 20), (1, 700, 300), (500, 1, 300), (161, 161, 9), (5, 6, 7)]
        for threads in [2, 3] {
            Parallelism.setThreadCount(threads)
            MatrixProduct.forgetChoices()
            for (m, n, k) in shapes.dropLast() {
                XCTAssertGreaterThan(MatrixProduct.splitParts(for: MatrixProduct.routine(m: m, n: n, k: k), m: m, n: n,
                                                              k: k, threads: threads), 1, "\(m)×\(k)·\(k)×\(n) splits")
            }
            for policy in [MatrixProduct.Policy.alwaysGEMV, .alwaysGEMM, .measured] {
                MatrixProduct.policy = policy
                try checkEveryShapeAndTranspose("\(policy) at \(threads) threads", shapes: shapes)
            }
        }
    }

    func testSmallOutputsWithALongKSlicedOrSplitAlongKMatchTheNaiveProduct() throws {
        // 40×50·600: slices of 262 (two whole, one of 76); at 2 and 3 threads also two pieces of K, each sliced.
        // 8×9·2000: too small to slice, but two pieces of K at 2 and 3 threads.
        XCTAssertEqual(MatrixProduct.sliceDepth(m: 40, n: 50, k: 600), 262)
        XCTAssertEqual(MatrixProduct.sliceDepth(m: 8, n: 9, k: 2000), 0)
        XCTAssertEqual(MatrixProduct.sliceDepth(m: 128, n: 256, k: 784), 0, "a large output is never sliced")
        for threads in [1, 2, 3] {
            Parallelism.setThreadCount(threads)
            MatrixProduct.forgetChoices()
            if threads > 1 {
                XCTAssertEqual(MatrixProduct.reductionParts(m: 40, n: 50, k: 600, threads: threads), 2)
                XCTAssertEqual(MatrixProduct.reductionParts(m: 8, n: 9, k: 2000, threads: threads), 2)
                XCTAssertEqual(MatrixProduct.reductionParts(m: 128, n: 256, k: 784, threads: threads), 1)
            }
            for policy in [MatrixProduct.Policy.alwaysSlicedGEMM, .alwaysGEMM, .measured] {
                MatrixProduct.policy = policy
                // Float sums over up to 2000 terms against a Double reference: a looser tolerance than the others.
                try checkEveryShapeAndTranspose("\(policy) at \(threads) threads", shapes: [(40, 50, 600), (8, 9, 2000)],
                                                tolerance: 1e-4)
            }
        }
        let sliced = MatrixProduct.measuredChoices.first { $0.call.m == 40 && $0.call.n == 50 && $0.call.k == 600 }
        XCTAssertNotNil(sliced, "the measured policy chose between whole and sliced")
    }

    func testBatchedProductsSplitOverThreadsMatchTheNaiveProduct() throws {
        Parallelism.setThreadCount(2)
        let (batch, m, n, k) = (5, 40, 60, 30)
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = randomTensor(transposeA ? [batch, k, m] : [batch, m, k], seed: 11)
            let b = randomTensor(transposeB ? [batch, n, k] : [batch, k, n], seed: 12)
            let product = try a.matmul(b, transposeA: transposeA, transposeB: transposeB).values()
            let aValues = try a.values(), bValues = try b.values()
            var expected: [Float] = []
            for index in 0..<batch {
                expected += naive(Array(aValues[(index * m * k)..<((index + 1) * m * k)]),
                                  Array(bValues[(index * k * n)..<((index + 1) * k * n)]), m: m, n: n, k: k,
                                  transposeA: transposeA, transposeB: transposeB)
            }
            assertAllClose(product, expected, relative: 1e-5, absolute: 1e-5, "batched tA \(transposeA) tB \(transposeB)")
        }
    }

    private func checkEveryShapeAndTranspose(_ label: String) throws {
        try checkEveryShapeAndTranspose(label, shapes: [(1, 7, 5), (6, 1, 5), (1, 1, 9), (4, 3, 1), (1, 3, 1),
                                                        (5, 6, 7), (1, 300, 130), (130, 1, 300)])
    }

    private func checkEveryShapeAndTranspose(_ label: String, shapes: [(Int, Int, Int)], tolerance: Float = 1e-5) throws {
        for (m, n, k) in shapes {
            for transposeA in [false, true] {
                for transposeB in [false, true] {
                    let a = randomTensor(transposeA ? [k, m] : [m, k], seed: UInt64(m * 31 + k))
                    let b = randomTensor(transposeB ? [n, k] : [k, n], seed: UInt64(n * 17 + k))
                    let product = try a.matmul(b, transposeA: transposeA, transposeB: transposeB)
                    let expected = naive(try a.values(), try b.values(), m: m, n: n, k: k, transposeA: transposeA,
                                         transposeB: transposeB)
                    assertAllClose(try product.values(), expected, relative: tolerance, absolute: tolerance,
                                   "\(label): m \(m) n \(n) k \(k) tA \(transposeA) tB \(transposeB)")
                }
            }
        }
    }

    func testBatchedProductsWithOneRowMatchTheNaiveProduct() throws {
        MatrixProduct.policy = .alwaysGEMV
        // [3, 1, 8] · [8, 5]: the batch folds into 3 rows (GEMM); [3, 1, 8] · [3, 8, 5]: three GEMVs over B.
        let a = randomTensor([3, 1, 8], seed: 1)
        let shared = randomTensor([8, 5], seed: 2), perBatch = randomTensor([3, 8, 5], seed: 3)
        let values = try a.values()
        let sharedExpected = naive(values, try shared.values(), m: 3, n: 5, k: 8, transposeA: false, transposeB: false)
        assertAllClose(try a.matmul(shared).values(), sharedExpected, relative: 1e-5, absolute: 1e-5)
        let bValues = try perBatch.values()
        var perBatchExpected: [Float] = []
        for index in 0..<3 {
            perBatchExpected += naive(Array(values[index * 8..<(index + 1) * 8]), Array(bValues[index * 40..<(index + 1) * 40]),
                                      m: 1, n: 5, k: 8, transposeA: false, transposeB: false)
        }
        assertAllClose(try a.matmul(perBatch).values(), perBatchExpected, relative: 1e-5, absolute: 1e-5)
    }

    func testBatchOneLayerGradientsMatchFiniteDifferences() throws {
        MatrixProduct.policy = .alwaysGEMV
        // A Linear layer at batch 1: the forward product is a GEMV, its weight gradient an outer product (K = 1).
        let x = randomTensor([1, 6], seed: 7), w = randomTensor([6, 4], seed: 8)
        try assertGradientsMatchFiniteDifferences(inputs: [x, w]) { inputs in
            try inputs[0].matmul(inputs[1])
        }
        let wTransposed = randomTensor([4, 6], seed: 9)
        try assertGradientsMatchFiniteDifferences(inputs: [x, wTransposed]) { inputs in
            try inputs[0].matmul(inputs[1], transposeB: true)
        }
    }

    private func naive(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum: Double = 0
                for p in 0..<k {
                    let left = transposeA ? a[p * m + i] : a[i * k + p]
                    let right = transposeB ? b[j * k + p] : b[p * n + j]
                    sum += Double(left) * Double(right)
                }
                c[i * n + j] = Float(sum)
            }
        }
        return c
    }
}
