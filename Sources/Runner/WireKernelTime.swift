import ResultStore

/// A kernel of a trial's breakdown on the wire (the `samples` message's optional `kernelProfile`):
/// `{"kernel": "…", "launchesPerStep": 2, "nanosecondsPerStep": 1234.5}`, both numbers per measured step
/// (training step or inference query).
public struct WireKernelTime: Codable, Sendable, Equatable {
    public var kernel: String
    public var launchesPerStep: Double
    public var nanosecondsPerStep: Double

    public init(_ time: KernelTime) {
        kernel = time.kernel
        launchesPerStep = time.launchesPerStep
        nanosecondsPerStep = time.nanosecondsPerStep
    }

    public var kernelTime: KernelTime {
        KernelTime(kernel: kernel, launchesPerStep: launchesPerStep, nanosecondsPerStep: nanosecondsPerStep)
    }

    /// Why this entry cannot be stored (a protocol violation); nil when it can.
    var problem: String? {
        if kernel.isEmpty { return "kernelProfile entry with an empty kernel name" }
        guard launchesPerStep.isFinite, launchesPerStep >= 0, nanosecondsPerStep.isFinite, nanosecondsPerStep >= 0 else {
            return "kernelProfile entry '\(kernel.prefix(60))' has launchesPerStep \(launchesPerStep) and nanosecondsPerStep "
                + "\(nanosecondsPerStep); expected finite numbers ≥ 0"
        }
        return nil
    }
}
