/// The execution strategies dlbench compares (see DESIGN.md: eager, traced, fused, opencl), plus `external`:
/// another framework (PyTorch, JAX, …) running the same case in its own worker process, which speaks the
/// worker protocol (docs/worker-protocol.md, docs/external-engines.md).
///
/// All are part of the protocol format; `available` lists those this build can run, so a
/// protocol naming a missing engine fails at load time rather than mid-run.
public enum EngineKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case eager, traced, fused, opencl, external

    /// The engines implemented in this version of dlbench; grows as engines land. `external` is always
    /// available: whether its framework is installed is decided per case at run time (a skip, not an error).
    public static var available: Set<EngineKind> { [.eager, .traced, .fused, .opencl, .external] }

    public var isAvailable: Bool { EngineKind.available.contains(self) }

    /// True for engines that run outside dlbench's own tensor code.
    public var isExternal: Bool { self == .external }

    /// Kinds that run a list of kernels dlbench can time one by one, so `"profileKernels"` applies: the graph
    /// engines on the host clock, `opencl` from queue profiling events. Eager has no kernel list; an external
    /// engine is another framework's process.
    public static let profilingKinds: [EngineKind] = [.traced, .fused, .opencl]

    public var profilesKernels: Bool { EngineKind.profilingKinds.contains(self) }
}
