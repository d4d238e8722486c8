import Engines
import Models
import TensorCore
import XCTest
import _TestSupport

final class FusedEngineTests: XCTestCase {
    static func fused(_ options: FusionOptions) -> EngineFactory {
        { model, optimizer in try GraphEngine(name: "fused", model: model, optimizer: optimizer, passes: options.passes) }
    }

    func testFusedMatchesEagerForEveryModelFamilyWithEveryPassCombination() throws {
        for elementwise in [false, true] {
            for epilogue in [false, true] {
                for multipleOutputs in [false, true] {
                    let options = FusionOptions(elementwise: elementwise, epilogue: epilogue, multipleOutputs: multipleOutputs)
                    try EngineEquivalence.check(Self.fused(options), label: "fused \(options)", relative: TracedEngineTests.relative,
                                                absolute: TracedEngineTests.absolute)
                }
            }
        }
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
            XCTAssertTrue(graph.nodes[producers.first ?? 0].op is FusedElementwise)
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
