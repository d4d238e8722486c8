/// The execution strategies dlbench compares (see DESIGN.md: eager, traced, fused, opencl).
///
/// All are part of the protocol format; `available` lists those this build can run, so a
/// protocol naming a missing engine fails at load time rather than mid-run.
public enum EngineKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case eager, traced, fused, opencl

    /// The engines implemented in this version of dlbench; grows as engines land.
    public static var available: Set<EngineKind> { [.eager, .traced, .fused] }

    public var isAvailable: Bool { EngineKind.available.contains(self) }
}
