import Engines
import Measurement

/// An engine's kernel profile over the measured steps of a trial only. Engines record from their first launch, so
/// `begin()` drops what the first step and warm-up recorded; `excluding` keeps unmeasured work done between
/// measured steps (evaluations for a quality target) out; `end(steps:)` divides by the measured steps. Every call
/// sits outside the timed regions: taking a profile may wait for a device queue and read its events.
/// Inactive (every call a no-op) unless the engine was asked to profile, so unprofiled trials do nothing extra.
struct MeasuredKernelProfile {
    private let engine: any Engine
    let isActive: Bool
    private var collected = KernelProfile()
    private(set) var kernelTimes: [KernelTime] = []
    private var ended = false

    init(engine: any Engine, active: Bool) {
        self.engine = engine
        self.isActive = active
    }

    /// The measured stretch starts now: what the engine recorded so far is discarded.
    mutating func begin() throws {
        guard isActive else { return }
        _ = try engine.takeKernelProfile()
        collected = KernelProfile()
        ended = false
    }

    /// Runs `body` (unmeasured work) without letting its kernels into the profile.
    mutating func excluding<T>(_ body: () throws -> T) throws -> T {
        guard isActive, !ended else { return try body() }
        try keepRecorded()
        let result = try body()
        _ = try engine.takeKernelProfile()
        return result
    }

    /// Ends the stretch after `steps` measured steps (or inference calls); later calls keep the first result, so a
    /// scenario may end it early (the server scenario, before its rate search).
    mutating func end(steps: Int) throws {
        guard isActive, !ended else { return }
        try keepRecorded()
        ended = true
        kernelTimes = collected.perStep(steps)
    }

    private mutating func keepRecorded() throws {
        guard let recorded = try engine.takeKernelProfile() else { return }
        for entry in recorded.entries {
            collected.record(kernel: entry.kernel, nanoseconds: entry.nanoseconds, launches: entry.launches)
        }
    }
}
