/// The closed set of measurements a protocol may ask for.
///
/// Raw values are both the JSON names and the names stored in results, so they must never
/// change once released. Each metric knows its unit, its polarity and which task kinds produce it.
public enum Metric: String, Sendable, Equatable, Hashable, CaseIterable {
    case stepTime = "step_time"
    case samplesPerSecond = "samples_per_second"
    case finalLoss = "final_loss"
    case testAccuracy = "test_accuracy"
    case latency = "latency"
    case peakLiveBytes = "peak_live_bytes"
    /// The first training step of a trial, timed apart and never pooled with `step_time` (capture and
    /// compilation of later engines land here).
    case timeToFirstStep = "time_to_first_step"
    /// Sum of the timed steps of each complete epoch of measured steps.
    case epochTime = "epoch_time"
    /// Wall time from before the first data touch to the first evaluation at or above the task's target,
    /// evaluation time excluded; +∞ when the target was never reached (never counted as fast).
    case timeToTarget = "time_to_target"
    /// 1 when the trial reached the task's target quality, else 0.
    case targetReached = "target_reached"
    /// Time spent in target evaluations, reported apart from `time_to_target`.
    case evaluationTime = "evaluation_time"
    /// Per-trial 90th and 99th percentile of query latency.
    case latencyP90 = "latency_p90"
    case latencyP99 = "latency_p99"
    /// Server scenario: 1 when the p99 latency (queueing included) stayed within the task's bound, else 0.
    case latencyBoundMet = "latency_bound_met"
    /// Server scenario with `searchHighestRate`: the highest Poisson rate found whose p99 met the bound.
    case maxRateWithinBound = "max_rate_within_bound"
    /// The worker's high-water resident set size (VmHWM) for the trial.
    case peakRSSBytes = "peak_rss_bytes"
    /// Tensor buffers requested per measured step, whether the pool served them or the system did (eager asks for
    /// every intermediate; a planned graph replay for none, leaving the batch's inputs and labels), from
    /// `BufferPool`'s counters.
    case allocationsPerStep = "allocations_per_step"
    /// Tensor buffers per measured step that the pool could not serve and the system allocated (pool misses).
    case systemAllocationsPerStep = "system_allocations_per_step"
    /// Time to read, verify, generate, split and normalise the task's dataset, before and apart from any timed
    /// step (reported with the first trial of each case; the dataset is loaded once per run).
    case dataLoadTime = "data_load_time"
    /// Max over the first `agreement.steps` training steps of |loss_engine − loss_eager| / max(|loss_eager|, 1e-6),
    /// from the same initial weights and batches (see `AgreementPolicy`).
    case deviationFromEager = "deviation_from_eager"
    /// Infer: the smallest cosine similarity between an output row (logits, or a BERT's embedding) and eager's for
    /// the same query, over the first `agreement.steps` query batches — the measure embeddings are compared by.
    case cosineToEager = "cosine_to_eager"
    /// Graph engines: time spent capturing, rewriting and planning graphs in the trial (part of time to first
    /// step, reported apart).
    case captureTime = "capture_time"
    /// Graph engines: the planned arena of the step's intermediates.
    case arenaBytes = "arena_bytes"
    /// Graph engines: what the same intermediates would take with one buffer each (what planning saved).
    case unplannedIntermediateBytes = "unplanned_intermediate_bytes"
    /// Graph engines: kernels launched per step after fusion.
    case kernelsPerStep = "kernels_per_step"
    /// Graph engines: bytes kernels read and write per step (inputs plus outputs of every kernel).
    case kernelBytesPerStep = "kernel_bytes_per_step"
    /// OpenCL: peak bytes of device memory held during the trial, beside host RSS.
    case devicePeakBytes = "device_peak_bytes"
    /// OpenCL: ops of a step that ran on the host because the device has no kernel for them (0 is the goal).
    case hostFallbackKernels = "host_fallback_kernels"
    /// OpenCL: time spent uploading batches to the device, reported apart from the step time.
    case uploadTime = "upload_time"
    /// OpenCL: time spent building device programs (part of capture time, reported apart).
    case programBuildTime = "program_build_time"
    /// Fused engine: fused groups per step that run in the blocked interpreter rather than as generated code
    /// (by request, for want of a C compiler, or because a group is too wide for one loop).
    case interpretedKernelsPerStep = "interpreted_kernels_per_step"

    /// The values a measurement of this metric can take: every metric is a finite, non-negative quantity (times,
    /// rates, sizes, counts, losses, relative deviations), fractions are at most 1, and `time_to_target` is +∞ when
    /// the target was never reached. A worker that sends anything else broke the worker protocol; its trial is not
    /// stored.
    public var validRange: ClosedRange<Double> {
        if self == .timeToTarget { return 0...Double.infinity }
        if self == .cosineToEager { return -1...1 }
        return unit == "fraction" ? 0...1 : 0...Double.greatestFiniteMagnitude
    }

    public var unit: String {
        switch self {
        case .stepTime, .latency, .timeToFirstStep, .latencyP90, .latencyP99: return "ms"
        case .samplesPerSecond: return "samples/s"
        case .finalLoss: return "loss"
        case .testAccuracy, .targetReached, .latencyBoundMet: return "fraction"
        case .peakLiveBytes, .peakRSSBytes: return "bytes"
        case .epochTime, .timeToTarget, .evaluationTime: return "s"
        case .maxRateWithinBound: return "queries/s"
        case .allocationsPerStep, .systemAllocationsPerStep: return "allocations"
        case .dataLoadTime: return "ms"
        case .deviationFromEager: return "relative"
        case .cosineToEager: return "cosine"
        case .captureTime: return "ms"
        case .arenaBytes, .unplannedIntermediateBytes, .kernelBytesPerStep: return "bytes"
        case .kernelsPerStep, .hostFallbackKernels, .interpretedKernelsPerStep: return "kernels"
        case .devicePeakBytes: return "bytes"
        case .uploadTime, .programBuildTime: return "ms"
        }
    }

    public var polarity: MetricPolarity {
        switch self {
        case .samplesPerSecond, .testAccuracy, .targetReached, .latencyBoundMet, .maxRateWithinBound, .cosineToEager:
            return .higherIsBetter
        case .stepTime, .finalLoss, .latency, .peakLiveBytes, .timeToFirstStep, .epochTime, .timeToTarget,
             .evaluationTime, .latencyP90, .latencyP99, .peakRSSBytes, .allocationsPerStep, .systemAllocationsPerStep, .dataLoadTime,
             .deviationFromEager, .captureTime, .arenaBytes, .unplannedIntermediateBytes, .kernelsPerStep,
             .kernelBytesPerStep, .devicePeakBytes, .hostFallbackKernels, .uploadTime, .programBuildTime,
             .interpretedKernelsPerStep:
            return .lowerIsBetter
        }
    }

    /// The task kinds that produce this metric.
    public var appliesTo: Set<TaskKind> {
        switch self {
        case .stepTime, .finalLoss, .testAccuracy, .timeToFirstStep, .epochTime, .timeToTarget, .targetReached,
             .evaluationTime:
            return [.train]
        case .latency, .latencyP90, .latencyP99, .latencyBoundMet, .maxRateWithinBound, .cosineToEager: return [.infer]
        case .deviationFromEager, .samplesPerSecond, .peakLiveBytes, .peakRSSBytes, .allocationsPerStep, .systemAllocationsPerStep, .dataLoadTime,
             .captureTime,
             .arenaBytes, .unplannedIntermediateBytes, .kernelsPerStep, .kernelBytesPerStep, .devicePeakBytes,
             .hostFallbackKernels, .uploadTime, .programBuildTime, .interpretedKernelsPerStep:
            return [.train, .infer]
        }
    }

    public func applies(to kind: TaskKind) -> Bool { appliesTo.contains(kind) }
}
