/// The optimizers a training task can use; raw values are the JSON spellings.
public enum OptimizerKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case sgd, adam, adamw

    /// The JSON keys that configure this optimizer (besides `kind`).
    public var settingKeys: [String] {
        switch self {
        case .sgd: return ["lr", "momentum", "nesterov", "weightDecay"]
        case .adam, .adamw: return ["lr", "beta1", "beta2", "epsilon", "weightDecay"]
        }
    }
}
