import Foundation
import ProtocolModel
import ResultStore

/// What the headline needs from a run's protocol: the baseline engine, each task's primary metric and the
/// expectations. Read from the protocol text stored with the run, so nothing new is stored and old runs work.
///
/// A stored protocol that no longer decodes (a dataset file moved, a smaller machine's memory check, an older
/// protocol format) leaves the defaults and says why in `problem`: the report still prints, only without the
/// protocol's choices (baseline: the first engine of each task; primary metric from the task kind).
public struct ProtocolFacts: Sendable, Equatable {
    /// The protocol's `baseline`, else its first engine; nil when unknown.
    public var baselineEngine: String?
    /// Task name → the metric the stopping rule and the headline use (`TaskWorkload.primaryMetric`).
    public var primaryMetrics: [String: Metric]
    public var expectations: [PerformanceExpectation]
    /// Why the stored protocol could not be decoded; nil when it was.
    public var problem: String?

    public init(baselineEngine: String? = nil, primaryMetrics: [String: Metric] = [:],
                expectations: [PerformanceExpectation] = [], problem: String? = nil) {
        self.baselineEngine = baselineEngine
        self.primaryMetrics = primaryMetrics
        self.expectations = expectations
        self.problem = problem
    }

    public init(_ benchmark: BenchmarkProtocol) {
        self.init(baselineEngine: benchmark.baselineEngine,
                  primaryMetrics: Dictionary(benchmark.tasks.map { ($0.name, $0.workload.primaryMetric) },
                                             uniquingKeysWith: { first, _ in first }),
                  expectations: benchmark.expectations)
    }

    /// Decodes `protocolText` as if read from `protocolPath` (relative dataset paths resolve as for the run).
    public static func decode(protocolText: String, protocolPath: String) -> ProtocolFacts {
        do {
            return ProtocolFacts(try ProtocolLoader.decode(protocolText, file: protocolPath))
        } catch let error as ProtocolError {
            let first = error.issues.first.map { $0.message } ?? "it does not decode"
            return ProtocolFacts(problem: "the stored protocol \(protocolPath) no longer decodes (\(first))")
        } catch {
            return ProtocolFacts(problem: "the stored protocol \(protocolPath) no longer decodes (\(error))")
        }
    }

    /// The facts of run `runID`; empty (with a problem) when the run is not in the store.
    public static func load(from store: ResultStore, runID: Int64) throws -> ProtocolFacts {
        guard let run = try store.run(id: runID) else { return ProtocolFacts(problem: "run \(runID) is not stored") }
        return decode(protocolText: run.protocolText, protocolPath: run.protocolPath)
    }

    /// The metric the headline compares for `task`: the protocol's, else from the rows (inference without latency
    /// samples is offline: throughput).
    func primaryMetric(task: String, taskKind: String, available: Set<String>) -> String {
        if let metric = primaryMetrics[task] { return metric.rawValue }
        let byKind = MetricDirection.primaryMetric(taskKind: taskKind)
        if available.contains(byKind) || taskKind != TaskKind.infer.rawValue { return byKind }
        return Metric.samplesPerSecond.rawValue
    }
}
