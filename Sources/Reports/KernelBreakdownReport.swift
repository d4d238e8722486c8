import Foundation

/// `dlbench report --kernels` in four layouts. Table and markdown show one block per profiled case; CSV (RFC 4180,
/// like `CSVReport`) and JSON (schema `dlbench.kernels/1`, docs/report-json.md) are flat and complete. Times are in
/// microseconds per step (training) or per query (inference); shares in percent of the profiled total.
public enum KernelBreakdownReport {
    public static let schemaIdentifier = "dlbench.kernels/1"

    public static func table(_ breakdown: KernelBreakdown, colour: Bool) -> String {
        breakdown.cases.map { item in
            var table = TextTable(columns: [
                .init(title: "kernel", alignment: .left),
                .init(title: "launches/\(item.perUnit)", alignment: .right),
                .init(title: "time/\(item.perUnit) (µs)", alignment: .right),
                .init(title: "share (%)", alignment: .right),
            ])
            for kernel in item.kernels {
                table.append([.init(kernel.kernel), .init(launches(kernel.launchesPerStep)),
                              .init(microseconds(kernel.nanosecondsPerStep)), .init(percent(kernel.sharePercent))])
            }
            return heading(item) + "\n" + totals(item) + "\n" + table.render(colour: colour)
        }.joined(separator: "\n")
    }

    public static func markdown(_ breakdown: KernelBreakdown) -> String {
        breakdown.cases.map { item in
            var lines = ["**" + MarkdownReport.escape(heading(item)) + "**", "", MarkdownReport.escape(totals(item)), "",
                         MarkdownReport.row(["kernel", "launches/\(item.perUnit)", "time/\(item.perUnit) (µs)", "share (%)"]),
                         MarkdownReport.rule(["l", "r", "r", "r"])]
            for kernel in item.kernels {
                lines.append(MarkdownReport.row(["`" + kernel.kernel.replacingOccurrences(of: "`", with: "'") + "`",
                                                 launches(kernel.launchesPerStep), microseconds(kernel.nanosecondsPerStep),
                                                 percent(kernel.sharePercent)]))
            }
            return lines.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    public static let csvHeader = [
        "run", "machine", "task", "task_kind", "engine", "batch_size", "trials", "kernel", "launches_per_step",
        "time_per_step_us", "share_percent", "profiled_total_us", "reference_metric", "median_step_us",
    ]

    /// One record per case × kernel, case columns repeated; numbers in shortest round-trip form.
    public static func csv(_ breakdown: KernelBreakdown) -> String {
        var lines = [CSVReport.line(csvHeader)]
        for item in breakdown.cases {
            for kernel in item.kernels {
                lines.append(CSVReport.line([
                    String(item.runID), item.machine, item.task, item.taskKind, item.engine,
                    item.batchSize.map(String.init) ?? "", String(item.trials), kernel.kernel,
                    CSVReport.number(kernel.launchesPerStep), CSVReport.number(kernel.nanosecondsPerStep / 1000),
                    CSVReport.number(kernel.sharePercent), CSVReport.number(item.profiledNanosecondsPerStep / 1000),
                    item.referenceMetric ?? "", CSVReport.number(item.medianStepNanoseconds.map { $0 / 1000 }),
                ]))
            }
        }
        return lines.joined()
    }

    public static func json(_ breakdown: KernelBreakdown) -> String {
        let cases = breakdown.cases.map { item -> JSONNode in
            .object([
                ("run", .integer(item.runID)), ("machine", .string(item.machine)), ("task", .string(item.task)),
                ("taskKind", .string(item.taskKind)), ("engine", .string(item.engine)),
                ("batchSize", .optional(item.batchSize)), ("trials", .integer(Int64(item.trials))),
                ("profiledMicrosecondsPerStep", .number(item.profiledNanosecondsPerStep / 1000)),
                ("referenceMetric", .optional(item.referenceMetric)),
                ("medianStepMicroseconds", .optional(item.medianStepNanoseconds.map { $0 / 1000 })),
                ("profiledPercentOfStep", .optional(item.profiledPercentOfStep)),
                ("kernels", .array(item.kernels.map { kernel in
                    .object([("kernel", .string(kernel.kernel)), ("launchesPerStep", .number(kernel.launchesPerStep)),
                             ("microsecondsPerStep", .number(kernel.nanosecondsPerStep / 1000)),
                             ("sharePercent", .number(kernel.sharePercent))])
                })),
            ])
        }
        return JSONNode.object([("schema", .string(schemaIdentifier)),
                                ("runs", .array(breakdown.runIDs.map { .integer($0) })),
                                ("cases", .array(cases))]).rendered() + "\n"
    }

    /// "w1-train · fused · cpu-1-thread · batch 128 (run 3, 2 trials)".
    static func heading(_ item: KernelBreakdown.Case) -> String {
        let batch = item.batchSize.map { " · batch \($0)" } ?? ""
        let trials = item.trials == 1 ? "1 trial" : "\(item.trials) trials"
        return "\(item.task) · \(item.engine) · \(item.machine)\(batch) (run \(item.runID), \(trials))"
    }

    /// "kernels: 812.5 µs per step (mean) = 93.4% of the median step_time 870.0 µs". Kernel times are means over
    /// the measured steps, so with a few slow steps the total can exceed the median step time; "(mean)" says why.
    static func totals(_ item: KernelBreakdown.Case) -> String {
        let profiled = "kernels: \(microseconds(item.profiledNanosecondsPerStep)) µs per \(item.perUnit) (mean)"
        guard let metric = item.referenceMetric else { return profiled + " (no per-\(item.perUnit) time in this scenario)" }
        guard let median = item.medianStepNanoseconds, let share = item.profiledPercentOfStep else {
            return profiled + " (no \(metric) samples)"
        }
        return profiled + " = \(percent(share))% of the median \(metric) \(microseconds(median)) µs"
    }

    static func microseconds(_ nanoseconds: Double) -> String { QuantityScale.format(nanoseconds / 1000) }

    static func percent(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Whole launch counts as integers, fractional ones (a kernel skipped in some steps) with two decimals.
    static func launches(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.2f", value)
    }
}
