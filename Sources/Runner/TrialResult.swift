import ResultStore

/// What one trial hands to the store: its samples and, for an engine asked to `profileKernels`, the kernel
/// breakdown of its measured steps (empty otherwise). Stored together in one transaction.
struct TrialResult: Sendable, Equatable {
    var samples: [MetricSample]
    var kernelTimes: [KernelTime]

    init(samples: [MetricSample], kernelTimes: [KernelTime] = []) {
        self.samples = samples
        self.kernelTimes = kernelTimes
    }
}
