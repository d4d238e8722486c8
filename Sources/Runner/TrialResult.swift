import ResultStore

/// What one trial hands to the store: its samples and, for an engine asked to `profileKernels`, the kernel
/// breakdown of its measured steps (empty otherwise). Stored together in one transaction.
struct TrialResult: Sendable, Equatable {
    var samples: [MetricSample]
    var kernelTimes: [KernelTime]
    /// What the trial could not measure and why (e.g. a rate search that hit its limits); stored as run warnings.
    var remarks: [String]

    init(samples: [MetricSample], kernelTimes: [KernelTime] = [], remarks: [String] = []) {
        self.samples = samples
        self.kernelTimes = kernelTimes
        self.remarks = remarks
    }
}
