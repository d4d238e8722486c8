import Foundation
import Measurement
import ResultStore

/// Which kernels a profiled case's step spends its time in (`dlbench report --kernels`): per kernel the median
/// over trials of its launches and time per measured step, its share of the profiled total, and that total next
/// to the case's median step time, so the part of a step no kernel accounts for (host work between launches,
/// queue waits) is visible too. Only cases of engines run with `"profileKernels": true` appear.
public struct KernelBreakdown: Sendable, Equatable {
    public struct Kernel: Sendable, Equatable {
        public var kernel: String
        public var launchesPerStep: Double
        public var nanosecondsPerStep: Double
        /// Percent of the case's profiled total.
        public var sharePercent: Double
    }

    public struct Case: Sendable, Equatable {
        public var runID: Int64
        public var machine: String
        public var task: String
        public var taskKind: String
        public var engine: String
        public var batchSize: Int?
        /// Trials that stored a profile.
        public var trials: Int
        /// Slowest first; ties keep replay order.
        public var kernels: [Kernel]
        public var profiledNanosecondsPerStep: Double
        /// The metric the profiled total is set against: `step_time` for training, `latency` for single-stream
        /// inference; nil where no per-query time exists (offline, server: queueing is in its latency).
        public var referenceMetric: String?
        /// Median of `referenceMetric` over every stored sample, in nanoseconds.
        public var medianStepNanoseconds: Double?

        /// Percent of the median step the kernels account for.
        public var profiledPercentOfStep: Double? {
            medianStepNanoseconds.flatMap { $0 > 0 ? 100 * profiledNanosecondsPerStep / $0 : nil }
        }

        /// "per step" for training, "per query" for inference.
        public var perUnit: String { taskKind == "infer" ? "query" : "step" }
    }

    public var runIDs: [Int64]
    public var cases: [Case]

    /// The profiled cases of the runs a report selects (`--run`, `--protocol`, latest), narrowed by the filter's
    /// tasks, engines and machines (a metric filter does not apply).
    public static func load(from store: ResultStore, runIDs: [Int64] = [], protocolName: String? = nil,
                            filter: ReportFilter = ReportFilter()) throws -> KernelBreakdown {
        let ids = try ReportSelection.resolve(store: store, runIDs: runIDs, protocolName: protocolName)
        var cases: [Case] = []
        for id in ids {
            guard try store.run(id: id) != nil else { throw ReportSelectionError.unknownRun(id: id, path: store.path) }
            let results = Dictionary(uniqueKeysWithValues: try store.caseResults(runID: id).map { ($0.id, $0) })
            for profile in try store.kernelProfiles(runID: id) {
                guard let result = results[profile.caseID],
                      filter.includesCase(task: result.task, engine: result.engine, machine: result.machine.name)
                else { continue }
                cases.append(makeCase(result, profile))
            }
        }
        return KernelBreakdown(runIDs: ids, cases: cases)
    }

    static func makeCase(_ result: CaseResult, _ profile: CaseKernelProfile) -> Case {
        let total = profile.nanosecondsPerStep
        let kernels = profile.kernels.enumerated().sorted {
            $0.element.nanosecondsPerStep != $1.element.nanosecondsPerStep
                ? $0.element.nanosecondsPerStep > $1.element.nanosecondsPerStep : $0.offset < $1.offset
        }.map { entry in
            Kernel(kernel: entry.element.kernel, launchesPerStep: entry.element.launchesPerStep,
                   nanosecondsPerStep: entry.element.nanosecondsPerStep,
                   sharePercent: total > 0 ? 100 * entry.element.nanosecondsPerStep / total : 0)
        }
        let reference = referenceMetric(of: result)
        let median = reference.flatMap { metric in
            result.series.first { $0.metric == metric }.flatMap { SampleSummary($0.values)?.median }
        }
        return Case(runID: result.runID, machine: result.machine.name, task: result.task, taskKind: result.taskKind,
                    engine: result.engine, batchSize: result.batchSize, trials: profile.trials, kernels: kernels,
                    profiledNanosecondsPerStep: total, referenceMetric: reference,
                    medianStepNanoseconds: median.map { $0 * 1e6 })  // both reference metrics are in ms
    }

    /// `step_time` for training; `latency` only for single-stream inference, where it is the time of one query.
    static func referenceMetric(of result: CaseResult) -> String? {
        guard result.taskKind == "infer" else { return "step_time" }
        let config = (try? JSONSerialization.jsonObject(with: Data(result.configJSON.utf8))) as? [String: Any]
        let scenario = config?["scenario"] as? String ?? "single-stream"
        return scenario == "single-stream" ? "latency" : nil
    }

    /// The one line printed instead of an empty breakdown.
    public var emptyMessage: String {
        let runs = runIDs.map(String.init).joined(separator: ", ")
        return "no profiled cases in run \(runs): set \"profileKernels\": true on a traced, fused or opencl engine "
            + "(e.g. Protocols/kernel-breakdown.json) and run it again"
    }
}
