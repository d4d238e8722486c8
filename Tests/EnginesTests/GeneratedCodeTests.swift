import Engines
import Models
import Foundation
import TensorCore
import XCTest
import _TestSupport
import _EngineTestSupport
import _TensorTestSupport

final class GeneratedCodeTests: XCTestCase {
    struct NotCompiled: Error { let reason: String }

    static let unaryFunctions: [UnaryFunction] = [
        .negate, .exp, .sqrt, .rsqrt, .tanh, .sigmoid, .relu, .square, .reciprocal, .abs, .positiveMask, .geluTanh,
        .geluTanhDerivative, .scale(0.37), .shift(-1.25),
    ]
    static let binaryFunctions: [BinaryFunction] = [.add, .subtract, .multiply, .divide, .equalMask]

    /// Compiles one group through the pass and returns the op that replaced it. Where no C compiler runs (a GPU
    /// host with only the release bundle) the test is skipped; under CI, which installs gcc, it fails instead.
    func compiled(_ fused: FusedElementwise, inputs: [Shape]) throws -> CompiledElementwise {
        var nodes = inputs.map { GraphNode(kind: .input(.batchInputs), inputs: [], shape: $0) }
        nodes.append(GraphNode(kind: .operation(fused), inputs: Array(inputs.indices), shape: fused.shape))
        let graph = ComputationGraph(nodes: nodes, outputs: [(nodes.count - 1, .loss)])
        let rewritten = try GeneratedCodePass().run(graph)
        guard let compiled = rewritten.nodes.last?.op as? CompiledElementwise else {
            let reason = GeneratedCodePass.lastFailure ?? "no failure recorded"
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw NotCompiled(reason: reason) }
            throw XCTSkip("no C compiler for generated kernels: \(reason)")
        }
        return compiled
    }

    func testGeneratedKernelsMatchTheInterpreterBitForBitForEveryFunction() throws {
        let shape: Shape = [3, 50]
        // Positive and negative values, tiny ones near tanh's cut-off and large ones past the clamps.
        var values = (0..<150).map { Float($0 - 75) * 0.21 }
        values[0] = 0.0003; values[1] = -0.0002; values[2] = 95; values[3] = -95
        let a = try Tensor(shape: shape, values: values), b = randomTensor(shape, seed: 9)
        for function in Self.unaryFunctions {
            let program = ElementwiseProgram(instructions: [.load(input: 0), .unary(function, 0)], outputs: [1])
            let fused = FusedElementwise(program: program, shape: shape, inputShapes: [shape])
            let expected = try Tensor.apply(fused, [a]).values()
            let actual = try Tensor.apply(try compiled(fused, inputs: [shape]), [a]).values()
            XCTAssertEqual(actual.map(\.bitPattern), expected.map(\.bitPattern), "\(function.name)")
        }
        for function in Self.binaryFunctions {
            let program = ElementwiseProgram(instructions: [.load(input: 0), .load(input: 1), .binary(function, 0, 1)],
                                             outputs: [2])
            let fused = FusedElementwise(program: program, shape: shape, inputShapes: [shape, shape])
            let expected = try Tensor.apply(fused, [a, b]).values()
            let actual = try Tensor.apply(try compiled(fused, inputs: [shape, shape]), [a, b]).values()
            XCTAssertEqual(actual.map(\.bitPattern), expected.map(\.bitPattern), "\(function.rawValue)")
        }
    }

    /// Every broadcast pattern an input can have, and several outputs, read and write what the interpreter does.
    func testGeneratedKernelsReadEveryBroadcastPatternAndWriteEveryOutput() throws {
        let output: Shape = [2, 3, 4]
        for inputShape: Shape in [[2, 3, 4], [], [4], [3, 4], [2, 3, 1], [2, 1, 1], [1, 3, 1], [2, 1, 4]] {
            let a = randomTensor(output, seed: 1), b = randomTensor(inputShape, seed: 2)
            let program = ElementwiseProgram(instructions: [.load(input: 0), .load(input: 1), .binary(.multiply, 0, 1),
                                                            .unary(.exp, 2)], outputs: [3, 2])
            let fused = FusedElementwise(program: program, shape: output, inputShapes: [output, inputShape])
            let kernel = try compiled(fused, inputs: [output, inputShape])
            for op in [fused as any PrimitiveOp, kernel] {
                let first = TensorBuffer(count: output.elementCount), second = TensorBuffer(count: output.elementCount)
                let aValues = try a.values(), bValues = try b.values()
                aValues.withUnsafeBufferPointer { aPointer in
                    bValues.withUnsafeBufferPointer { bPointer in
                        op.execute(KernelArguments(inputs: [aPointer.baseAddress!, bPointer.baseAddress!],
                                                   inputShapes: [output, inputShape], output: first.pointer,
                                                   outputShape: output, additionalOutputs: [second.pointer]))
                    }
                }
                let product = try (a * b).values()
                XCTAssertEqual(Array(UnsafeBufferPointer(start: second.pointer, count: output.elementCount)), product,
                               "second output of \(op.signature.prefix(9)) for input \(inputShape)")
                assertAllClose(Array(UnsafeBufferPointer(start: first.pointer, count: output.elementCount)),
                               try (a * b).exp().values(), relative: 1e-6, "input \(inputShape)")
            }
        }
    }

    func testWithoutACompilerGroupsStayInterpretedAndTheReasonIsKept() throws {
        setenv("DLBENCH_CC", "/nonexistent/cc", 1)
        defer { unsetenv("DLBENCH_CC") }
        let shape: Shape = [4]
        let program = ElementwiseProgram(instructions: [.load(input: 0), .unary(.square, 0), .unary(.negate, 1)],
                                         outputs: [2])
        let fused = FusedElementwise(program: program, shape: shape, inputShapes: [shape])
        let graph = ComputationGraph(nodes: [GraphNode(kind: .input(.batchInputs), inputs: [], shape: shape),
                                             GraphNode(kind: .operation(fused), inputs: [0], shape: shape)],
                                     outputs: [(1, .loss)])
        let rewritten = try GeneratedCodePass().run(graph)
        XCTAssertTrue(rewritten.nodes[1].op is FusedElementwise, "falls back to the interpreter")
        XCTAssertTrue(GeneratedCodePass.lastFailure?.contains("/nonexistent/cc") == true,
                      GeneratedCodePass.lastFailure ?? "no failure recorded")
    }

    func testStatisticsCountTheGroupsLeftToTheInterpreter() throws {
        func interpreted(_ options: FusionOptions) throws -> Int {
            let model = MLP.make(inputs: 6, hidden: [8], outputs: 3, activation: .relu, seed: 1)
            let engine = try GraphEngine(name: "fused", model: model, optimizer: SGD(learningRate: 0.1, momentum: 0.9),
                                         passes: options.passes)
            _ = try engine.trainStep(inputs: randomTensor([4, 6], seed: 2), labels: Tensor.zeros([4]))
            return try XCTUnwrap(engine.statistics).interpretedKernelsPerStep
        }
        _ = try compiled(FusedElementwise(program: ElementwiseProgram(instructions: [.load(input: 0)], outputs: [0]),
                                          shape: [1], inputShapes: [[1]]), inputs: [[1]])  // skips without a compiler
        XCTAssertEqual(try interpreted(FusionOptions()), 0, GeneratedCodePass.lastFailure ?? "every group compiled")
        XCTAssertGreaterThan(try interpreted(FusionOptions(generatedCode: false)), 0)
    }

    func testFusedEngineWithGeneratedCodeMatchesEagerForEveryModelFamily() throws {
        try EngineEquivalence.check({ model, optimizer in
            try GraphEngine(name: "fused", model: model, optimizer: optimizer, passes: FusionOptions(generatedCode: true).passes)
        }, label: "fused with generated code", relative: TracedEngineTests.relative, absolute: TracedEngineTests.absolute)
    }
}
