/// The optimizer and its hyper-parameters for a training task.
///
/// One flat struct for all kinds keeps runner code simple; the decoder only accepts the keys
/// that apply to the chosen kind (`momentum`/`nesterov` for sgd, `beta1`/`beta2`/`epsilon` for adam).
public struct OptimizerSpec: Sendable, Equatable, Hashable {
    public var kind: OptimizerKind
    /// JSON key `lr`; > 0.
    public var learningRate: Double
    /// SGD momentum, 0 ≤ m < 1. Default 0.
    public var momentum: Double
    /// Default false.
    public var nesterov: Bool
    /// ≥ 0. Default 0.
    public var weightDecay: Double
    /// Adam first-moment decay, 0 ≤ β1 < 1. Default 0.9.
    public var beta1: Double
    /// Adam second-moment decay, 0 ≤ β2 < 1. Default 0.999.
    public var beta2: Double
    /// > 0. Default 1e-8.
    public var epsilon: Double

    public init(
        kind: OptimizerKind, learningRate: Double, momentum: Double = 0, nesterov: Bool = false,
        weightDecay: Double = 0, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8
    ) {
        self.kind = kind
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }
}
