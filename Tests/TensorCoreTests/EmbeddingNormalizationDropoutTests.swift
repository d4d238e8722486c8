import TensorCore
import XCTest
import _TensorTestSupport

final class EmbeddingNormalizationDropoutTests: XCTestCase {
    func testEmbeddingLooksUpRowsForBatchedIds() throws {
        let table = Tensor(shape: [3, 2], values: [0, 1, 10, 11, 20, 21])
        let ids = Tensor(shape: [2, 2], values: [2, 0, 1, 2])
        let rows = try table.embeddingLookup(ids)
        XCTAssertEqual(rows.shape, [2, 2, 2])
        XCTAssertEqual(try rows.values(), [20, 21, 0, 1, 10, 11, 20, 21])
    }

    func testEmbeddingGradientScatterAddsRepeatedIds() throws {
        let ids = Tensor(shape: [2, 3], values: [4, 1, 4, 0, 4, 2])
        try assertGradientsMatchFiniteDifferences(inputs: [randomTensor([5, 3], seed: 1)]) { try $0[0].embeddingLookup(ids) }
        let table = Tensor.zeros([5, 1], requiresGradient: true)
        let gradient = try Gradients.of(try table.embeddingLookup(ids).sum(), withRespectTo: [table])[0]
        XCTAssertEqual(try gradient.values(), [1, 1, 1, 0, 3])
        // The scatter-add is linear in the cotangent; its own gradient is a lookup.
        try assertGradientsMatchFiniteDifferences(inputs: [randomTensor([2, 3, 3], seed: 2)]) {
            try Tensor.apply(EmbeddingScatterAdd(vocabulary: 5), [ids, $0[0]])
        }
    }

    func testLayerNormNormalizesEachRowAndHasGradientsForInputScaleAndShift() throws {
        let x = randomTensor([2, 3, 5], seed: 3, scale: 2)
        let normalized = try x.layerNormalized()
        let values = try normalized.values()
        for row in 0..<6 {
            let slice = values[(row * 5)..<(row * 5 + 5)]
            let mean = slice.reduce(0, +) / 5
            let variance = slice.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 5
            XCTAssertEqual(mean, 0, accuracy: 1e-5)
            XCTAssertEqual(variance, 1, accuracy: 1e-3)
        }
        let gamma = randomTensor([5], seed: 4), beta = randomTensor([5], seed: 5)
        try assertGradientsMatchFiniteDifferences(inputs: [x, gamma, beta]) {
            try $0[0].layerNorm(gamma: $0[1], beta: $0[2])
        }
        try assertGradientsMatchFiniteDifferences(inputs: [randomTensor([4, 7], seed: 6)]) { try $0[0].layerNormalized() }
    }

    func testDropoutIsSeededScaledAndTheIdentityInEvaluation() throws {
        let x = Tensor.filled([40, 50], value: 1)
        let first = try x.dropout(probability: 0.25, seed: 42).values()
        XCTAssertEqual(try x.dropout(probability: 0.25, seed: 42).values(), first)
        XCTAssertNotEqual(try x.dropout(probability: 0.25, seed: 43).values(), first)
        XCTAssertTrue(first.allSatisfy { $0 == 0 || Swift.abs($0 - 1 / 0.75) < 1e-6 })
        let dropped = Float(first.filter { $0 == 0 }.count) / Float(first.count)
        XCTAssertEqual(dropped, 0.25, accuracy: 0.03)
        let evaluation = try ExecutionContext.withTraining(false) { try x.dropout(probability: 0.25, seed: 42) }
        XCTAssertTrue(evaluation === x)
        try assertGradientsMatchFiniteDifferences(inputs: [randomTensor([3, 4], seed: 7)]) {
            try $0[0].dropout(probability: 0.5, seed: 9)
        }
        XCTAssertThrowsError(try x.dropout(probability: 1, seed: 1))
    }

    func testScaledDotProductAttentionHasGradientsForBatchedHeads() throws {
        let q = randomTensor([2, 2, 3, 4], seed: 10), k = randomTensor([2, 2, 3, 4], seed: 11)
        let v = randomTensor([2, 2, 3, 4], seed: 12)
        try assertGradientsMatchFiniteDifferences(inputs: [q, k, v]) {
            try Tensor.scaledDotProductAttention(query: $0[0], key: $0[1], value: $0[2])
        }
    }
}
