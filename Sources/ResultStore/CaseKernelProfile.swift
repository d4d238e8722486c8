import Measurement

/// A case's kernel breakdown over its profiled trials: per kernel, the median over trials of its time and launches
/// per step. A kernel missing from a profiled trial counts as 0 there (it did not run), so one odd trial cannot
/// put a kernel's median above what most trials saw.
public struct CaseKernelProfile: Sendable, Equatable {
    public var caseID: Int64
    /// Trials of the case that stored a kernel profile.
    public var trials: Int
    /// In replay order: the order of first launch in the earliest profiled trial, then kernels first seen later.
    public var kernels: [KernelTime]

    public init(caseID: Int64, trials: Int, kernels: [KernelTime]) {
        self.caseID = caseID
        self.trials = trials
        self.kernels = kernels
    }

    /// The summed kernel time of a step: what the profile accounts for of the step time.
    public var nanosecondsPerStep: Double { kernels.reduce(0) { $0 + $1.nanosecondsPerStep } }
}
