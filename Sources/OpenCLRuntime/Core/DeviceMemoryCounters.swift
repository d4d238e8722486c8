/// Exact device-memory accounting for one `OpenCLContext`, the device-side twin of TensorCore's `MemoryCounters`:
/// the runner reports peak device bytes per trial just as it reports peak host tensor bytes.
public struct DeviceMemoryCounters: Sendable, Equatable {
    /// Bytes of buffers currently alive (as requested; a zero-element buffer counts 0).
    public var liveBytes = 0
    public var peakLiveBytes = 0
    public var liveBuffers = 0
    /// clCreateBuffer calls made so far.
    public var allocations = 0
    /// Bytes moved host → device and device → host.
    public var uploadedBytes = 0
    public var downloadedBytes = 0

    public init() {}
}
