/// A named engine configuration that tasks may select by name.
public struct EngineSpec: Sendable, Equatable, Hashable {
    public var name: String
    public var kind: EngineKind
    /// Fusion passes (engines of kind `fused` only; all on by default).
    public var fusion: FusionSpec

    public init(name: String, kind: EngineKind, fusion: FusionSpec = FusionSpec()) {
        self.name = name
        self.kind = kind
        self.fusion = fusion
    }
}
