/// A hardware setting a case runs under (thread count, device).
///
/// Named so that results can be compared across settings on one host ("1 thread" vs "8 threads").
public struct MachineSpec: Sendable, Equatable, Hashable {
    public var name: String
    /// Worker threads (BLAS and kernels), 1...256. JSON default: 1.
    public var threads: Int
    /// JSON default: `cpu`.
    public var device: DeviceKind
    /// A case-insensitive substring of "platform / device" that the OpenCL device must match (e.g. "H100",
    /// "NVIDIA", "Portable"); nil accepts any device of the kind. JSON: optional.
    public var deviceFilter: String?
    /// What happens when no matching device exists. JSON default: `fail`.
    public var fallback: DeviceFallback

    public static let threadRange = 1...256

    public init(name: String, threads: Int = 1, device: DeviceKind = .cpu, deviceFilter: String? = nil,
                fallback: DeviceFallback = .fail) {
        self.name = name
        self.threads = threads
        self.device = device
        self.deviceFilter = deviceFilter
        self.fallback = fallback
    }
}
