import Measurement

/// What one trial hands to the store: its samples and, for an engine asked to `profileKernels`, the kernel
/// breakdown of its measured steps (empty otherwise). Stored together in one transaction.
public struct TrialResult: Sendable, Equatable {
    public var samples: [MetricSample]
    public var kernelTimes: [KernelTime]
    /// What the trial could not measure and why (e.g. a rate search that hit its limits); stored as run warnings.
    public var remarks: [String]

    public init(samples: [MetricSample], kernelTimes: [KernelTime] = [], remarks: [String] = []) {
        self.samples = samples
        self.kernelTimes = kernelTimes
        self.remarks = remarks
    }
}
