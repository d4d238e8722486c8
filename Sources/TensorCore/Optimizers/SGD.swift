/// Stochastic gradient descent with PyTorch's conventions: v ← μ·v + (g + λ·p); p ← p − lr·v
/// (Nesterov: p ← p − lr·(g + λ·p + μ·v)).
public final class SGD: Optimizer {
    public let learningRate: Float
    public let momentum: Float
    public let nesterov: Bool
    public let weightDecay: Float
    private var velocities: [Tensor?] = []

    public init(learningRate: Float, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public var stateTensors: [Tensor] { velocities.compactMap { $0 } }

    public func update(_ parameters: [Parameter], gradients: [Tensor]) throws {
        if velocities.count != parameters.count { velocities = Array(repeating: nil, count: parameters.count) }
        try ExecutionContext.withoutGradients {
            for (index, (parameter, gradient)) in zip(parameters, gradients).enumerated() {
                let p = parameter.value.detached()
                var g = gradient
                if weightDecay != 0 { g = try g + p * weightDecay }
                var step = g
                if momentum != 0 {
                    let velocity = try velocities[index].map { try $0 * momentum + g } ?? g
                    velocities[index] = velocity
                    step = nesterov ? try g + velocity * momentum : velocity
                }
                parameter.assign(try p - step * learningRate)
            }
        }
    }
}
