/// What each metric measures, in one sentence: what is timed or counted, when, and per what.
///
/// The single source of docs/metrics.md and of the schema's `enumDescriptions` (tests compare both with this
/// text), so the three never drift apart.
extension Metric {
    public var definition: String {
        switch self {
        case .stepTime:
            return "Wall time of one measured training step (forward, backward and optimizer update; the batch is cut "
                + "before the clock starts); one sample per step, warm-up and the first step excluded."
        case .samplesPerSecond:
            return "Training: examples of the measured steps over their summed step times. Inference: samples served "
                + "per second of query time (offline: all queries under one clock; server: over the schedule's span)."
        case .finalLoss: return "Training loss of the last measured step."
        case .testAccuracy: return "Accuracy on the test split after the measured steps (classification tasks)."
        case .latency:
            return "Wall time of one inference query of batchSize samples (single-stream: call to return; server: "
                + "from the query's scheduled arrival, so queueing counts); one sample per query."
        case .peakLiveBytes:
            return "Peak bytes of live tensor buffers (BufferPool accounting) during the measured steps or queries."
        case .timeToFirstStep:
            return "Wall time of a trial's first training step, timed apart: graph engines capture, plan and compile "
                + "here. With step_time it gives the break-even step count."
        case .epochTime: return "Sum of the step times of each complete epoch of measured steps."
        case .timeToTarget:
            return "Wall time from before the first data touch to the first evaluation at or above the task's target, "
                + "evaluation time excluded; +inf when the target was never reached."
        case .targetReached: return "1 when the trial reached the task's target quality, else 0."
        case .evaluationTime: return "Time spent in target evaluations, reported apart from time_to_target."
        case .latencyP90: return "The 90th percentile of a trial's query latencies (one sample per trial)."
        case .latencyP99: return "The 99th percentile of a trial's query latencies (one sample per trial)."
        case .latencyBoundMet: return "Server scenario: 1 when the trial's p99 latency (queueing included) met the bound."
        case .maxRateWithinBound:
            return "Server scenario with searchHighestRate: the highest Poisson arrival rate whose p99 met the bound."
        case .peakRSSBytes: return "The worker process's high-water resident set size (VmHWM) at the end of the trial."
        case .allocationsPerStep:
            return "Tensor buffers requested per measured step or query, served by the pool or the system."
        case .systemAllocationsPerStep:
            return "Tensor buffers per measured step or query that the pool could not serve (system allocations)."
        case .dataLoadTime:
            return "Time to read, verify, generate, split and normalise the dataset (first trial of each case only)."
        case .deviationFromEager:
            return "Train: max over the first agreement.steps training steps of |loss - eager loss| / max(|eager loss|, 1e-6), "
                + "same initial weights and batches. Infer (every engine but eager): max over the first agreement.steps "
                + "query batches of |output - eager output| / max(largest |eager output| of the batch, 1e-6)."
        case .cosineToEager:
            return "Infer (every engine but eager): smallest cosine similarity between an output row (logits or embedding) "
                + "and eager's for the same query, over the first agreement.steps query batches."
        case .captureTime: return "Graph engines: time capturing, rewriting and planning graphs in the trial."
        case .arenaBytes: return "Graph engines: size of the planned memory arena of the step's intermediates."
        case .unplannedIntermediateBytes:
            return "Graph engines: what the same intermediates would take with one buffer each."
        case .kernelsPerStep: return "Graph engines: kernels launched per step after fusion."
        case .kernelBytesPerStep: return "Graph engines: bytes read and written by the kernels of one step."
        case .devicePeakBytes: return "OpenCL: peak bytes of device memory held during the trial."
        case .hostFallbackKernels: return "OpenCL: ops of a step that ran on the host for want of a device kernel."
        case .uploadTime: return "OpenCL: time uploading batches to the device, apart from the step time."
        case .programBuildTime: return "OpenCL: time building device programs (part of capture_time)."
        case .interpretedKernelsPerStep:
            return "Fused engine: fused groups per step run by the blocked interpreter instead of generated C."
        }
    }
}
