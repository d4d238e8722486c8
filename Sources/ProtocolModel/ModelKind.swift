/// The model families a protocol can name in `models[].kind`.
///
/// Grows with `ModelArchitecture` (cnn, transformer, lstm later).
public enum ModelKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case mlp
}
