import ArgumentParser
import Reports

/// `--task`, `--engine`, `--machine`, `--metric`: shared by report, compare and check.
struct ReportFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this task (repeatable).", valueName: "name"))
    var task: [String] = []

    @Option(help: ArgumentHelp("Only this engine (repeatable).", valueName: "name"))
    var engine: [String] = []

    @Option(help: ArgumentHelp("Only this protocol machine (repeatable).", valueName: "name"))
    var machine: [String] = []

    @Option(help: ArgumentHelp("Only this metric, e.g. step_time (repeatable).", valueName: "name"))
    var metric: [String] = []

    var filter: ReportFilter { ReportFilter(tasks: task, engines: engine, machines: machine, metrics: metric) }
}

/// The decision rule of compare and check: significance level and practical thresholds.
struct ComparisonOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Significance level of the trial-level t test.", valueName: "p"))
    var alpha = 0.01

    @Option(help: ArgumentHelp("Practical threshold: a change smaller than this never counts (5% or 0.05).",
                               valueName: "fraction"))
    var threshold = "5%"

    @Option(name: .customLong("run-spread"),
            help: ArgumentHelp("Run-to-run spread added when comparing separate runs (default 3.5%; see "
                               + "scripts/calibrate-gate.sh).", valueName: "fraction"))
    var runSpread = "3.5%"

    @Option(name: .customLong("metric-threshold"),
            help: ArgumentHelp("Per-metric threshold, e.g. step_time=10% (repeatable).", valueName: "metric=fraction"))
    var metricThresholds: [String] = []

    func settings() throws -> ComparisonSettings {
        guard alpha > 0, alpha < 1 else { throw CommandFailure("--alpha must be between 0 and 1, found \(alpha)") }
        do {
            var overrides: [String: Double] = [:]
            for text in metricThresholds {
                let parsed = try ThresholdParsing.metricThreshold(text)
                overrides[parsed.metric] = parsed.threshold
            }
            return ComparisonSettings(significanceLevel: alpha, practicalThreshold: try ThresholdParsing.fraction(threshold),
                                      metricThresholds: overrides, runSpread: try ThresholdParsing.fraction(runSpread))
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}
