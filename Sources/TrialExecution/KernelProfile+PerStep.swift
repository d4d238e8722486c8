import Engines
import Measurement

extension KernelProfile {
    /// Launches and nanoseconds of each kernel divided by `steps`, in first-launch order; empty for no steps.
    func perStep(_ steps: Int) -> [KernelTime] {
        guard steps > 0 else { return [] }
        return entries.map {
            KernelTime(kernel: $0.kernel, launchesPerStep: Double($0.launches) / Double(steps),
                       nanosecondsPerStep: Double($0.nanoseconds) / Double(steps))
        }
    }
}
