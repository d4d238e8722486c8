import TensorCore
import _TestSupport
import XCTest

/// Central finite differences against the VJP rules. The function is reduced to a scalar by a fixed random
/// projection Σ wᵢ·fᵢ(x), so every output element's gradient is exercised, not only their sum.
///
/// Tolerance: Float32 central differences with step h have truncation error O(h²) and rounding error
/// O(ε·|f|/h); with h = 1e-2 on inputs of order 1 both stay near 1e-3, so 2e-2 relative (plus 2e-3
/// absolute) separates a right rule from a wrong one (wrong rules are off by O(1)). Math is done in Double
/// where possible to keep the reference honest.
public func assertGradientsMatchFiniteDifferences(
    inputs: [Tensor], step: Float = 1e-2, relative: Float = 2e-2, absolute: Float = 2e-3,
    file: StaticString = #filePath, line: UInt = #line, _ function: ([Tensor]) throws -> Tensor
) throws {
    let leaves = inputs.map { $0.asLeaf() }
    let probe = try function(leaves)
    var generator = SeededGenerator(seed: 7)
    let weights = (0..<probe.elementCount).map { _ in generator.nextUniform() + 0.5 }
    let weightTensor = Tensor(shape: probe.shape, values: weights)
    func objective(_ values: [Tensor]) throws -> Double {
        let output = try ExecutionContext.withoutGradients { try function(values) }
        return zip(try output.values(), weights).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }
    let analytic = try Gradients.of(probe, withRespectTo: leaves, seed: weightTensor)
    for (inputIndex, leaf) in leaves.enumerated() where leaf.requiresGradient {
        let base = try leaf.values()
        var numeric = [Float](repeating: 0, count: base.count)
        for element in base.indices {
            var plus = base, minus = base
            plus[element] += step
            minus[element] -= step
            var plusInputs = leaves, minusInputs = leaves
            plusInputs[inputIndex] = Tensor(shape: leaf.shape, values: plus)
            minusInputs[inputIndex] = Tensor(shape: leaf.shape, values: minus)
            numeric[element] = Float((try objective(plusInputs) - objective(minusInputs)) / (2 * Double(step)))
        }
        assertAllClose(try analytic[inputIndex].values(), numeric, relative: relative, absolute: absolute,
                       "gradient of input \(inputIndex) \(leaf.shape)", file: file, line: line)
    }
}

/// A reproducible tensor of standard-normal values for tests.
public func randomTensor(_ shape: Shape, seed: UInt64, scale: Float = 1) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    return Tensor.normal(shape, standardDeviation: scale, generator: &generator)
}
