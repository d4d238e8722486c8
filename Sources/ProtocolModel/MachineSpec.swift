/// A hardware setting a case runs under (thread count, device).
///
/// Named so that results can be compared across settings on one host ("1 thread" vs "8 threads").
public struct MachineSpec: Sendable, Equatable, Hashable {
    public var name: String
    /// Worker threads (BLAS and kernels), 1...256. JSON default: 1.
    public var threads: Int
    /// JSON default: `cpu`.
    public var device: DeviceKind

    public static let threadRange = 1...256

    public init(name: String, threads: Int = 1, device: DeviceKind = .cpu) {
        self.name = name
        self.threads = threads
        self.device = device
    }
}
