/// One kernel's share of a measured step (or inference call) in one trial: the engine's kernel profile over the
/// measured stretch divided by the number of steps, so trials of different lengths compare directly.
/// Codable as the worker protocol's `kernelProfile` entry:
/// `{"kernel": "…", "launchesPerStep": 2, "nanosecondsPerStep": 1234.5}`.
public struct KernelTime: Codable, Sendable, Equatable {
    /// The engine's label for the kernel (graph engines: op signature and output shape; opencl: kernel name).
    public var kernel: String
    /// Launches per step; fractional only when a kernel did not run in every step.
    public var launchesPerStep: Double
    public var nanosecondsPerStep: Double

    public init(kernel: String, launchesPerStep: Double, nanosecondsPerStep: Double) {
        self.kernel = kernel
        self.launchesPerStep = launchesPerStep
        self.nanosecondsPerStep = nanosecondsPerStep
    }

    /// Finite and non-negative: SQLite would turn NaN into NULL, and a negative time is a clock bug, not a result.
    public var isStorable: Bool {
        launchesPerStep.isFinite && launchesPerStep >= 0 && nanosecondsPerStep.isFinite && nanosecondsPerStep >= 0
    }

    /// Why a worker's entry cannot be stored (a protocol violation); nil when it can.
    public var problem: String? {
        if kernel.isEmpty { return "kernelProfile entry with an empty kernel name" }
        guard isStorable else {
            return "kernelProfile entry '\(kernel.prefix(60))' has launchesPerStep \(launchesPerStep) and nanosecondsPerStep "
                + "\(nanosecondsPerStep); expected finite numbers ≥ 0"
        }
        return nil
    }
}
