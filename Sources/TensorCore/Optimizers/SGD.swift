/// Stochastic gradient descent with PyTorch's conventions: v ← μ·v + (g + λ·p); p ← p − lr·v
/// (Nesterov: p ← p − lr·(g + λ·p + μ·v)). The velocity starts at zero, so the first step uses v = g as PyTorch does.
public final class SGD: Optimizer {
    public let learningRate: Float
    public let momentum: Float
    public let nesterov: Bool
    public let weightDecay: Float
    public var eagerState: [[Tensor]] = []

    public init(learningRate: Float, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public var nextStepScalarsCount: Int { 0 }
    public var stateSlotsPerParameter: Int { momentum != 0 ? 1 : 0 }
    public func nextStepScalars() -> [Float] { [] }

    public func apply(parameter p: Tensor, gradient: Tensor, state: [Tensor],
                      scalars: [Tensor]) throws -> (parameter: Tensor, state: [Tensor]) {
        var g = gradient
        if weightDecay != 0 { g = try g + p * weightDecay }
        guard momentum != 0, let previous = state.first else { return (try p - g * learningRate, []) }
        let velocity = try previous * momentum + g
        let step = nesterov ? try g + velocity * momentum : velocity
        return (try p - step * learningRate, [velocity])
    }
}
