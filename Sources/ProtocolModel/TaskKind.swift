/// The two kinds of workload; raw values are the JSON spellings of a task's `kind`.
///
/// Used on its own where only the kind matters, e.g. which metrics a task produces.
public enum TaskKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case train, infer
}
