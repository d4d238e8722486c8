/// The model families a protocol can name in `models[].kind`.
///
public enum ModelKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case mlp, cnn, transformer, lstm, bert
}
