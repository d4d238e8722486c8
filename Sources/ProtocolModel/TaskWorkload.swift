/// What a task does, with the settings of that kind; decoded by the task's `kind` key.
public enum TaskWorkload: Sendable, Equatable, Hashable {
    case train(TrainSpec)
    case infer(InferSpec)

    public var kind: TaskKind {
        switch self {
        case .train: return .train
        case .infer: return .infer
        }
    }
}
