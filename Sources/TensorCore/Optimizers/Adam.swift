/// Adam (Kingma & Ba) with bias correction; `decoupledWeightDecay` gives AdamW (Loshchilov & Hutter), where
/// decay shrinks the weights directly instead of entering the gradient. The bias corrections change every
/// step, so they enter `apply` as scalar tensors: [lr / (1 − β1ᵗ), 1 / (1 − β2ᵗ)].
public final class Adam: Optimizer {
    public let learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let decoupledWeightDecay: Bool
    public var eagerState: [[Tensor]] = []
    public private(set) var stepCount = 0

    public init(learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0, decoupledWeightDecay: Bool = false) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    public var nextStepScalarsCount: Int { 2 }
    public var stateSlotsPerParameter: Int { 2 }

    public func nextStepScalars() -> [Float] {
        stepCount += 1
        let correction1 = 1 - Float.pow(beta1, stepCount)
        let correction2 = 1 - Float.pow(beta2, stepCount)
        return [learningRate / correction1, 1 / correction2]
    }

    public func apply(parameter: Tensor, gradient: Tensor, state: [Tensor],
                      scalars: [Tensor]) throws -> (parameter: Tensor, state: [Tensor]) {
        guard state.count == 2, scalars.count == 2 else {
            throw TensorError.invalidValue(op: "adam", reason: "expects 2 state tensors and 2 step scalars")
        }
        var p = parameter
        var g = gradient
        if weightDecay != 0 {
            if decoupledWeightDecay { p = try p * (1 - learningRate * weightDecay) } else { g = try g + p * weightDecay }
        }
        let m = try state[0] * beta1 + g * (1 - beta1)
        let v = try state[1] * beta2 + g.square() * (1 - beta2)
        let denominator = try (v * scalars[1]).sqrt() + epsilon
        return (try p - m * scalars[0] / denominator, [m, v])
    }
}

extension Float {
    static func pow(_ base: Float, _ exponent: Int) -> Float {
        var result: Float = 1
        for _ in 0..<exponent { result *= base }
        return result
    }
}
