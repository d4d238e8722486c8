/// Adam (Kingma & Ba) with bias correction; `decoupledWeightDecay` gives AdamW (Loshchilov & Hutter), where
/// decay shrinks the weights directly instead of entering the gradient.
public final class Adam: Optimizer {
    public let learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let decoupledWeightDecay: Bool
    private var firstMoments: [Tensor] = []
    private var secondMoments: [Tensor] = []
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

    public var stateTensors: [Tensor] { firstMoments + secondMoments }

    public func update(_ parameters: [Parameter], gradients: [Tensor]) throws {
        try ExecutionContext.withoutGradients {
            if firstMoments.count != parameters.count {
                firstMoments = try parameters.map { try Tensor.zerosLike($0.value) }
                secondMoments = try parameters.map { try Tensor.zerosLike($0.value) }
            }
            stepCount += 1
            let correction1 = 1 - Float.pow(beta1, stepCount)
            let correction2 = 1 - Float.pow(beta2, stepCount)
            for (index, (parameter, gradient)) in zip(parameters, gradients).enumerated() {
                var p = parameter.value.detached()
                var g = gradient
                if weightDecay != 0 {
                    if decoupledWeightDecay { p = try p * (1 - learningRate * weightDecay) } else { g = try g + p * weightDecay }
                }
                let m = try firstMoments[index] * beta1 + g * (1 - beta1)
                let v = try secondMoments[index] * beta2 + g.square() * (1 - beta2)
                firstMoments[index] = m
                secondMoments[index] = v
                let denominator = try (v * (1 / correction2)).sqrt() + epsilon
                parameter.assign(try p - (m * (learningRate / correction1)) / denominator)
            }
        }
    }
}

extension Float {
    static func pow(_ base: Float, _ exponent: Int) -> Float {
        var result: Float = 1
        for _ in 0..<exponent { result *= base }
        return result
    }
}
