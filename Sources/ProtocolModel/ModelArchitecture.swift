/// The network a model entry describes, with the settings of its family.
///
/// An enum so that each family carries exactly its own settings; decoded by the key `kind`.
public enum ModelArchitecture: Sendable, Equatable, Hashable {
    case mlp(MLPSpec)
    case cnn(CNNSpec)
    case transformer(TransformerSpec)
    case lstm(LSTMSpec)
    case bert(BertSpec)

    public var kind: ModelKind {
        switch self {
        case .mlp: return .mlp
        case .cnn: return .cnn
        case .transformer: return .transformer
        case .lstm: return .lstm
        case .bert: return .bert
        }
    }
}
