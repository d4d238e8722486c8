/// A named engine configuration that tasks may select by name.
public struct EngineSpec: Sendable, Equatable, Hashable {
    public var name: String
    public var kind: EngineKind

    public init(name: String, kind: EngineKind) {
        self.name = name
        self.kind = kind
    }
}
