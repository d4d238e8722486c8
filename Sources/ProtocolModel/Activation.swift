/// The non-linearity used between hidden layers; raw values are the JSON spellings.
public enum Activation: String, Sendable, Equatable, Hashable, CaseIterable {
    case relu, tanh, sigmoid, gelu
}
