import Engines
import Models
import TensorCore
import XCTest
import _TestSupport
import _EngineTestSupport
import _TensorTestSupport

final class FusedEngineTests: XCTestCase {
    static func fused(_ options: FusionOptions) -> EngineFactory {
        { model, optimizer in try GraphEngine(name: "fused", model: model, optimizer: optimizer, passes: options.passes) }
    }

    func testFusedMatchesEagerForEveryModelFamilyWithEveryPassCombination() throws {
        for elementwise in [false, true] {
            for epilogue in [false, true] {
                for multipleOutputs in [false, true] {
                    // Reductions ride on elementwise groups: on with them here, off in the test below.
                    let options = FusionOptions(elementwise: elementwise, epilogue: epilogue, multipleOutputs: multipleOutputs,
                                                reductions: elementwise)
                    try EngineEquivalence.check(Self.fused(options), label: "fused \(options)", relative: TracedEngineTests.relative,
                                                absolute: TracedEngineTests.absolute)
                }
            }
        }
    }

    func testFusedMatchesEagerForEveryModelFamilyWithoutReductionAbsorption() throws {
        try EngineEquivalence.check(Self.fused(FusionOptions(reductions: false)), label: "fused without reductions",
                                    relative: TracedEngineTests.relative, absolute: TracedEngineTests.absolute)
    }

    func testLayerNormScaleGradientSumAbsorbsItsMultiply() throws {
        let model = try Transformer.make(vocabulary: 11, sequenceLength: 5, modelWidth: 8, heads: 2, layers: 1,
                                         feedForwardWidth: 16, classes: 3, seed: 4)
        let input: Shape = [2, 5], labels: Shape = [2]
        let fused = try trainingGraph(model, SGD(learningRate: 0.1), options: .all, input: input, labels: labels)
        let withoutAbsorption = try trainingGraph(model, SGD(learningRate: 0.1), options: FusionOptions(reductions: false),
                                                  input: input, labels: labels)
        let sums = fused.nodes.compactMap { $0.op as? FusedReduction }
        XCTAssertTrue(sums.contains { $0.layout == .leading && $0.program.instructions.contains(.binary(.multiply, 0, 1)) },
                      "Σ over batch and sequence of g·x̂ (a LayerNorm scale gradient) is one kernel")
        XCTAssertTrue(sums.contains { $0.layout == .trailing }, "softmax backward's row sum Σ g·y absorbs its multiply")
        XCTAssertLessThan(fused.operationCount, withoutAbsorption.operationCount)
    }

    /// The training graph of a model, after the given passes.
    func trainingGraph(_ model: any Layer, _ optimizer: any Optimizer, options: FusionOptions,
                       input: Shape, labels: Shape) throws -> ComputationGraph {
        var graph = try GraphCapture.trainingStep(model: model, optimizer: optimizer, inputShape: input, labelShape: labels)
        for pass in options.passes { graph = try pass.run(graph) }
        return graph
    }

    func testMatMulBiasReLUBecomesOneEpilogueKernel() throws {
        let model = MLP.make(inputs: 4, hidden: [5], outputs: 3, activation: .relu, seed: 1)
        var graph = try GraphCapture.inference(model: model, inputShape: [2, 4])
        for pass in FusionOptions(elementwise: false, epilogue: true, multipleOutputs: false).passes { graph = try pass.run(graph) }
        let operations = graph.nodes.compactMap(\.op)
        XCTAssertEqual(operations.map(\.signature), [
            "matmul(tA: false, tB: false)+bias+relu", "matmul(tA: false, tB: false)+bias+none",
        ], "hidden layer: GEMM + bias + ReLU in one kernel; output layer: GEMM + bias")
    }

    func testAdamUpdateOfOneParameterIsOneKernel() throws {
        let model = MLP.make(inputs: 4, hidden: [], outputs: 3, activation: .relu, seed: 2)
        let graph = try trainingGraph(model, Adam(learningRate: 0.01), options: .all, input: [2, 4], labels: [2])
        for index in model.parameters.indices {
            let producers = Set(graph.outputs.filter { output in
                switch output.role {
                case .parameter(index), .optimizerState(parameter: index, slot: _): return true
                default: return false
                }
            }.map { graph.nodes[$0.node].producer ?? $0.node })
            XCTAssertEqual(producers.count, 1, "parameter \(index): new value, m and v from one kernel")
            let op = graph.nodes[producers.first ?? 0].op
            XCTAssertTrue(op is FusedElementwise || op is CompiledElementwise, "\(String(describing: op))")
        }
        let withoutMultipleOutputs = try trainingGraph(model, Adam(learningRate: 0.01),
                                                       options: FusionOptions(multipleOutputs: false), input: [2, 4], labels: [2])
        XCTAssertGreaterThan(withoutMultipleOutputs.operationCount, graph.operationCount)
    }

    func testEachFusionPassReducesKernelsAndTheArena() throws {
        let model = MLP.make(inputs: 32, hidden: [64, 64], outputs: 10, activation: .relu, seed: 3)
        func statistics(_ options: FusionOptions) throws -> EngineStatistics {
            let engine = try GraphEngine(name: "fused", model: model, optimizer: SGD(learningRate: 0.1, momentum: 0.9),
                                         passes: options.passes)
            _ = try engine.trainStep(inputs: randomTensor([16, 32], seed: 4), labels: Tensor.zeros([16]))
            return try XCTUnwrap(engine.statistics)
        }
        let traced = try statistics(.none), fused = try statistics(.all)
        let onlyEpilogue = try statistics(FusionOptions(elementwise: false, epilogue: true, multipleOutputs: false))
        XCTAssertLessThan(onlyEpilogue.kernelsPerStep, traced.kernelsPerStep)
        XCTAssertLessThan(fused.kernelsPerStep, onlyEpilogue.kernelsPerStep)
        XCTAssertLessThan(fused.arenaBytes, traced.arenaBytes, "fewer materialised nodes, smaller arena")
    }
}

final class FusedReductionTests: XCTestCase {
    /// Leading and trailing sums of an expression, at widths below, at and above one block's rows, match the
    /// unfused multiply followed by `Reduce`.
    func testLeadingAndTrailingSumsMatchTheUnfusedOps() throws {
        let program = ElementwiseProgram(instructions: [.load(input: 0), .load(input: 1), .binary(.multiply, 0, 1)],
                                         outputs: [2])
        for shape: Shape in [[3, 5, 7], [70, 64], [1, 4096], [3000, 3]] {
            let a = randomTensor(shape, seed: 1), b = randomTensor([shape[shape.rank - 1]], seed: 2)
            for (axes, layout) in [(Set(0..<(shape.rank - 1)), FusedReduction.Layout.leading), (Set([shape.rank - 1]), .trailing)] {
                let expected = try (a * b).sum(axes: axes.sorted(), keepDimensions: true)
                let reduction = try XCTUnwrap(FusedReduction(program: program, shape: shape, inputShapes: [shape, b.shape],
                                                             summedAxes: axes, reducedShape: expected.shape))
                XCTAssertEqual(reduction.layout, layout)
                assertAllClose(try Tensor.apply(reduction, [a, b]).values(), try expected.values(), relative: 1e-5,
                               absolute: 1e-5, "\(shape) summed over \(axes.sorted())")
            }
        }
    }

    func testSumsOverMiddleAxesOrRowsWiderThanABlockAreNotAbsorbed() {
        let program = ElementwiseProgram(instructions: [.load(input: 0)], outputs: [0])
        XCTAssertNil(FusedReduction(program: program, shape: [2, 3, 4], inputShapes: [[2, 3, 4]], summedAxes: [1],
                                    reducedShape: [2, 1, 4]), "a middle axis is neither a leading nor a trailing run")
        XCTAssertNil(FusedReduction(program: program, shape: [2, 5000], inputShapes: [[2, 5000]], summedAxes: [1],
                                    reducedShape: [2, 1]), "a row wider than a block")
    }
}

final class PaddedSumTests: XCTestCase {
    /// Pieces that tile the output are copied; overlapping pieces and full-shape terms are added in order — both
    /// equal padding each piece and adding the pads.
    func testPaddedSumEqualsPaddingAndAddingThePieces() throws {
        let shape: Shape = [4, 3, 5]
        let cases: [[(Shape, [Int])]] = [
            [([1, 3, 5], [0, 0, 0]), ([2, 3, 5], [1, 0, 0]), ([1, 3, 5], [3, 0, 0])],   // tiles along the first axis
            [([4, 3, 5], [0, 0, 0]), ([2, 2, 5], [1, 1, 0]), ([4, 1, 2], [0, 2, 3])],   // a full term plus overlaps
        ]
        for (caseIndex, pieces) in cases.enumerated() {
            let sources = pieces.enumerated().map { randomTensor($0.element.0, seed: UInt64(10 + $0.offset)) }
            var expected = Tensor.zeros(shape)
            for (source, piece) in zip(sources, pieces) {
                let after = (0..<shape.rank).map { shape[$0] - piece.1[$0] - piece.0[$0] }
                expected = try expected + Tensor.apply(Pad(before: piece.1, after: after), [source])
            }
            let op = PaddedSum(offsets: pieces.map(\.1), sourceShapes: pieces.map(\.0), shape: shape)
            XCTAssertEqual(op.tiles, caseIndex == 0)
            assertAllClose(try Tensor.apply(op, sources).values(), try expected.values(), relative: 1e-6, absolute: 1e-6,
                           "case \(caseIndex)")
        }
    }

    func testAnLSTMsTimeStepGradientsAreSummedWithoutPads() throws {
        let model = try LSTMClassifier.make(vocabulary: 7, embeddingWidth: 4, hiddenWidth: 5, classes: 3, seed: 2)
        var graph = try GraphCapture.trainingStep(model: model, optimizer: SGD(learningRate: 0.1), inputShape: [2, 6],
                                                  labelShape: [2])
        let before = graph.nodes.filter { $0.op is Pad }.count
        for pass in FusionOptions(generatedCode: false).passes { graph = try pass.run(graph) }
        XCTAssertGreaterThan(before, 0)
        XCTAssertEqual(graph.nodes.filter { $0.op is Pad }.count, 0, "every slice gradient lands in its window directly")
        XCTAssertTrue(graph.nodes.contains { ($0.op as? PaddedSum)?.offsets.count == 6 }, "six time steps, one kernel")
    }

    func testFusedMatchesEagerForEveryModelFamilyWithoutPaddedSumsOrGeneratedCode() throws {
        try EngineEquivalence.check(FusedEngineTests.fused(FusionOptions(generatedCode: false, paddedSums: false)),
                                    label: "fused, interpreted, pads kept", relative: TracedEngineTests.relative,
                                    absolute: TracedEngineTests.absolute)
    }
}

final class FusedBroadcastTests: XCTestCase {
    /// Every way an input can broadcast into a fused group reads the same values as the unfused ops.
    func testFusedGroupsReadEveryBroadcastPatternCorrectly() throws {
        let output: Shape = [2, 3, 4]
        for inputShape: Shape in [[2, 3, 4], [], [4], [3, 4], [2, 3, 1], [2, 1, 1], [1, 3, 1], [2, 1, 4]] {
            let a = randomTensor(output, seed: 1), b = randomTensor(inputShape, seed: 2)
            let expected = try (a * b).exp().values()
            let program = ElementwiseProgram(instructions: [.load(input: 0), .load(input: 1), .binary(.multiply, 0, 1),
                                                            .unary(.exp, 2)], outputs: [3])
            let fused = FusedElementwise(program: program, shape: output, inputShapes: [output, inputShape])
            let actual = try Tensor.apply(fused, [a, b]).values()
            assertAllClose(actual, expected, relative: 1e-6, "input \(inputShape)")
        }
    }
}
