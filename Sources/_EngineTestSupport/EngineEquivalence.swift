import Engines
import TensorCore
import _TensorTestSupport
import _TestSupport
import XCTest

/// Checks an engine against eager on every model family: forward output, gradients (one plain-SGD step with
/// lr = 1 moves each parameter by exactly its gradient), and a multi-step Adam loss trajectory.
///
/// Each caller states its tolerance and why (CPU graph engines: the same kernels, a few sums reassociated by fusion;
/// devices: tiled GEMM, tree reductions and builtin transcendental functions).
public enum EngineEquivalence {
    public static func check(_ factory: EngineFactory, label: String, relative: Float, absolute: Float,
                             file: StaticString = #filePath, line: UInt = #line) throws {
        for family in try ModelFamily.all() {
            // Forward.
            let eagerForward = try EagerEngine(model: family.make(), optimizer: SGD(learningRate: 0)).infer(inputs: family.inputs)
            let forward = try factory(family.make(), SGD(learningRate: 0)).infer(inputs: family.inputs)
            assertAllClose(try forward.values(), try eagerForward.values(), relative: relative, absolute: absolute,
                           "\(label) \(family.name) forward", file: file, line: line)

            // Gradients through one step of p ← p − g.
            let eagerModel = try family.make(), testedModel = try family.make()
            _ = try EagerEngine(model: eagerModel, optimizer: SGD(learningRate: 1)).trainStep(inputs: family.inputs, labels: family.labels)
            let engine = try factory(testedModel, SGD(learningRate: 1))
            _ = try engine.trainStep(inputs: family.inputs, labels: family.labels)
            engine.synchronizeModelParameters()
            for (expected, actual) in zip(eagerModel.parameters, testedModel.parameters) {
                assertAllClose(try actual.value.values(), try expected.value.values(), relative: relative, absolute: absolute,
                               "\(label) \(family.name) gradient of \(expected.name)", file: file, line: line)
            }

            // Multi-step losses with Adam (state and per-step scalars exercised).
            let eager = EagerEngine(model: try family.make(), optimizer: Adam(learningRate: 0.01))
            let tested = try factory(family.make(), Adam(learningRate: 0.01))
            var expectedLosses: [Float] = [], actualLosses: [Float] = []
            for _ in 0..<6 {
                expectedLosses.append(try eager.trainStep(inputs: family.inputs, labels: family.labels))
                actualLosses.append(try tested.trainStep(inputs: family.inputs, labels: family.labels))
            }
            assertAllClose(actualLosses, expectedLosses, relative: relative, absolute: absolute,
                           "\(label) \(family.name) loss trajectory", file: file, line: line)
            XCTAssertLessThan(expectedLosses.last ?? 0, expectedLosses.first ?? 0, "\(family.name) learns", file: file, line: line)
        }
    }
}
