import Models
import TensorCore
import XCTest
import _TestSupport
import _TensorTestSupport

final class LayerTests: XCTestCase {
    func testW3CNNHasTheDocumentedShapesAndParameterCount() throws {
        let model = try CNN.make(inputShape: [1, 28, 28], convolutions: [(8, 3), (16, 3)], pool: 2, classes: 10, seed: 1)
        let logits = try model(Tensor.zeros([2, 1, 28, 28]))
        XCTAssertEqual(logits.shape, [2, 10])
        // conv1 8·1·9 + 8, conv2 16·8·9 + 16, linear 784·10 + 10
        XCTAssertEqual(model.parameterCount, 80 + 1168 + 7850)
        let unpadded = try CNN.make(inputShape: [1, 28, 28], convolutions: [(8, 3), (16, 3)], classes: 10, padding: 0, seed: 1)
        XCTAssertEqual(unpadded.parameters.last?.value.shape, [10])
        XCTAssertEqual(unpadded.parameters[4].value.shape, [400, 10])
        XCTAssertThrowsError(try CNN.make(inputShape: [1, 4, 4], convolutions: [(4, 3), (4, 3), (4, 3)], classes: 2, seed: 1))
    }

    func testConvolutionInitialisationIsSeededKaimingUniform() throws {
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5)
        let first = Conv2D(inputs: 3, outputs: 4, kernel: 3, name: "c", generator: &a)
        let second = Conv2D(inputs: 3, outputs: 4, kernel: 3, name: "c", generator: &b)
        XCTAssertEqual(try first.weight.value.values(), try second.weight.value.values())
        let bound = 1 / Float(27).squareRoot()
        XCTAssertTrue(try first.weight.value.values().allSatisfy { Swift.abs($0) <= bound })
        XCTAssertEqual(first.parameters.map(\.name), ["c.weight", "c.bias"])
    }

    func testW4TransformerAndLSTMClassifierProduceLogitsPerSequence() throws {
        let transformer = try Transformer.make(vocabulary: 1000, sequenceLength: 64, modelWidth: 64, heads: 2, layers: 2,
                                               feedForwardWidth: 256, classes: 2, seed: 3)
        let ids = SyntheticData.order(count: 3, length: 64, vocabulary: 1000, seed: 4).inputs
        XCTAssertEqual(try transformer(ids).shape, [3, 2])
        XCTAssertEqual(try transformer(ids.slice(axis: 1, range: 0..<10)).shape, [3, 2])
        XCTAssertThrowsError(try Transformer.make(vocabulary: 10, sequenceLength: 4, modelWidth: 6, heads: 4, layers: 1,
                                                  feedForwardWidth: 8, classes: 2, seed: 1))
        let lstm = try LSTMClassifier.make(vocabulary: 1000, embeddingWidth: 16, hiddenWidth: 8, classes: 3, seed: 5)
        XCTAssertEqual(try lstm(ids).shape, [3, 3])
        XCTAssertEqual(lstm.parameterCount, 1000 * 16 + 16 * 32 + 8 * 32 + 32 + 8 * 3 + 3)
    }

    func testAttentionAndLSTMInputGradientsMatchFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 6)
        let attention = try MultiHeadSelfAttention(width: 6, heads: 2, name: "a", generator: &generator)
        try assertGradientsMatchFiniteDifferences(inputs: [randomTensor([2, 3, 6], seed: 7)]) { try attention($0[0]) }
        let lstm = LSTM(inputs: 4, hidden: 3, name: "l", generator: &generator)
        try assertGradientsMatchFiniteDifferences(inputs: [randomTensor([2, 5, 4], seed: 8)]) { try lstm($0[0]) }
        let block = try TransformerBlock(width: 4, heads: 2, feedForwardWidth: 8, name: "b", generator: &generator)
        try assertGradientsMatchFiniteDifferences(inputs: [randomTensor([2, 3, 4], seed: 9)]) { try block($0[0]) }
    }

    func testDropoutLayerIsReproducibleFromItsSeedAndIdentityInEvaluation() throws {
        let x = randomTensor([8, 16], seed: 10)
        let a = Dropout(probability: 0.5, seed: 11), b = Dropout(probability: 0.5, seed: 11)
        let a1 = try a(x).values(), a2 = try a(x).values()
        XCTAssertEqual(try b(x).values(), a1)
        XCTAssertEqual(try b(x).values(), a2)
        XCTAssertNotEqual(a1, a2, "each call draws a new mask")
        a.reset()
        XCTAssertEqual(try a(x).values(), a1)
        let evaluation = try ExecutionContext.withTraining(false) { try a(x) }
        XCTAssertTrue(evaluation === x)
        XCTAssertEqual(a.calls, 1, "evaluation calls do not advance the mask sequence")
    }

    func testLayerNormStartsAsPlainNormalisation() throws {
        let norm = LayerNorm(width: 5, name: "n")
        let x = randomTensor([3, 5], seed: 12)
        assertAllClose(try norm(x).values(), try x.layerNormalized().values())
        XCTAssertEqual(norm.parameters.map(\.name), ["n.weight", "n.bias"])
    }
}
