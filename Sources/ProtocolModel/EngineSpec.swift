/// A named engine configuration that tasks may select by name.
public struct EngineSpec: Sendable, Equatable, Hashable {
    public var name: String
    public var kind: EngineKind
    /// Fusion passes (engines of kind `fused` only; all on by default).
    public var fusion: FusionSpec
    /// How to start the worker of an engine of kind `external`; nil for every other kind.
    public var external: ExternalWorkerSpec?
    /// `"profileKernels": true`: the engine times every kernel of the measured steps, and the trial stores the
    /// per-kernel breakdown (`dlbench report --kernels`). Only kinds with a kernel list (`profilesKernels`).
    public var profileKernels: Bool

    public init(name: String, kind: EngineKind, fusion: FusionSpec = FusionSpec(), external: ExternalWorkerSpec? = nil,
                profileKernels: Bool = false) {
        self.name = name
        self.kind = kind
        self.fusion = fusion
        self.external = external
        self.profileKernels = profileKernels
    }
}
