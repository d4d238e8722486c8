/// Which kind of processor a machine configuration asks for.
///
/// `any` lets the runner use whatever the engine prefers (a GPU when one exists).
public enum DeviceKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case cpu, gpu, any
}
