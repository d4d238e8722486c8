import Foundation
import Measurement

/// One self-contained HTML page: run facts, four inline SVG charts (step time per engine with CI error
/// bars, latency percentiles per scenario, memory per engine, speedup over the baseline engine) and the
/// full table. Inline CSS and SVG only, so it opens offline and can be attached to a CI run.
public enum HTMLReport {
    /// `pivot` nil: the speedup chart uses the first engine of the rows as baseline.
    public static func render(rows: [ReportRow], runs: [ReportRun], pivot: PivotTable? = nil,
                              settings: ComparisonSettings = ComparisonSettings()) -> String {
        let measured = RunComparison.measured(rows)
        let speedups = pivot ?? measured.first.map { PivotTable(rows: rows, baselineEngine: $0.engine, settings: settings) }
        var body: [String] = ["<h1>dlbench report</h1>"]
        body += runs.map { run in
            "<p>run \(run.id): <b>\(escape(run.protocolName))</b>, started \(ReportRun.timestamp(run.startedAt)), "
                + "\(escape(run.status)); machines: "
                + run.machines.map { "\(escape($0.name)) (\(escape($0.fingerprint.cpuModel)), \($0.fingerprint.threads) threads)" }
                .joined(separator: ", ") + "</p>"
        }
        let charts: [(String, SVGBarChart?)] = [
            ("Step time per engine", metricChart(measured, metric: "step_time", title: "step time, median and 95% CI",
                                                 settings: settings)),
            ("Latency percentiles per scenario", latencyChart(measured)),
            ("Memory per engine", memoryChart(measured)),
            ("Speedup over the baseline engine", speedups.flatMap(speedupChart)),
        ]
        for (heading, chart) in charts {
            body.append("<h2>\(escape(heading))</h2>")
            body.append(chart.map { "<figure>\n\($0.render())\n</figure>" } ?? "<p class=\"empty\">no data</p>")
        }
        body.append("<h2>All results</h2>")
        body.append(table(rows))
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>dlbench report</title>
            <style>
            body { font-family: sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; font-size: 0.9em; }
            th, td { border: 1px solid #ccc; padding: 2px 6px; }
            td.number { text-align: right; }
            svg text { font-size: 12px; font-family: sans-serif; }
            .empty { color: #888; }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    static func label(_ row: ReportRow) -> String {
        var text = row.task + " · " + row.engine + " · " + row.machine
        if let batchSize = row.batchSize { text += " · b\(batchSize)" }
        return text
    }

    static func metricChart(_ rows: [ReportRow], metric: String, title: String, settings: ComparisonSettings) -> SVGBarChart? {
        let selected = rows.filter { $0.metric == metric }
        guard let first = selected.first else { return nil }
        let scale = QuantityScale.choose(unit: first.unit, magnitude: first.median)
        let engines = selected.map(\.engine).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let bars = selected.map { row -> SVGBarChart.Bar in
            let interval = row.trialEstimate(level: settings.confidenceLevel, runSpread: settings.runSpread)?.interval
            let value = row.trialEstimate()?.estimate ?? row.median ?? .nan
            return SVGBarChart.Bar(label: label(row), value: value / scale.divisor,
                                   lower: interval.map { $0.lower / scale.divisor }, upper: interval.map { $0.upper / scale.divisor },
                                   series: engines.firstIndex(of: row.engine) ?? 0)
        }
        return SVGBarChart(title: title, unit: scale.unit, bars: bars)
    }

    static func latencyChart(_ rows: [ReportRow]) -> SVGBarChart? {
        let latencies = rows.filter { $0.metric == "latency" }
        guard let first = latencies.first else { return nil }
        let scale = QuantityScale.choose(unit: first.unit, magnitude: first.median)
        var bars: [SVGBarChart.Bar] = []
        for row in latencies {
            let summary = SampleSummary(row.samples)
            let percentiles: [(String, Double?)] = [("p50", summary?.median), ("p90", summary?.p90), ("p99", summary?.p99)]
            for (index, percentile) in percentiles.enumerated() {
                guard let value = percentile.1 else { continue }
                bars.append(SVGBarChart.Bar(label: label(row) + " " + percentile.0, value: value / scale.divisor, series: index))
            }
        }
        return SVGBarChart(title: "latency p50 / p90 / p99", unit: scale.unit, bars: bars)
    }

    static func memoryChart(_ rows: [ReportRow]) -> SVGBarChart? {
        let memory = rows.filter { $0.metric == "peak_live_bytes" || $0.metric == "peak_rss_bytes" }
        guard let largest = memory.compactMap(\.median).max() else { return nil }
        let scale = QuantityScale.choose(unit: "bytes", magnitude: largest)
        let bars = memory.map {
            SVGBarChart.Bar(label: label($0) + " " + ($0.metric == "peak_rss_bytes" ? "RSS" : "live"),
                            value: ($0.median ?? .nan) / scale.divisor, series: $0.metric == "peak_rss_bytes" ? 1 : 0)
        }
        return SVGBarChart(title: "peak memory (median)", unit: scale.unit, bars: bars)
    }

    static func speedupChart(_ pivot: PivotTable) -> SVGBarChart? {
        var bars: [SVGBarChart.Bar] = []
        for line in pivot.lines {
            for (index, cell) in line.cells.enumerated() {
                guard let speedup = cell.speedup else { continue }
                bars.append(SVGBarChart.Bar(label: line.label + " · " + cell.engine + " (" + line.metric + ")", value: speedup,
                                            lower: cell.interval?.lower, upper: cell.interval?.upper, series: index))
            }
        }
        guard !bars.isEmpty else { return nil }
        return SVGBarChart(title: "speedup over \(pivot.baselineEngine), 95% CI", unit: "×", bars: bars, referenceValue: 1)
    }

    static func table(_ rows: [ReportRow]) -> String {
        var lines = ["<table>", "<tr><th>task</th><th>engine</th><th>machine</th><th>batch</th><th>metric</th>"
                     + "<th>median</th><th>p10</th><th>p90</th><th>n</th><th>unit</th><th>status</th></tr>"]
        for row in rows {
            let scale = QuantityScale.choose(unit: row.unit, magnitude: row.median)
            let cells = [row.task, row.engine, row.machine, row.batchSize.map(String.init) ?? "-", row.metric]
                .map { "<td>\(escape($0))</td>" }
                + [scale.format(row.median), scale.format(row.p10), scale.format(row.p90), row.n == 0 ? "" : String(row.n)]
                .map { "<td class=\"number\">\(escape($0))</td>" }
                + ["<td>\(escape(row.metric.isEmpty ? "" : scale.unit))</td>",
                   "<td>\(escape(row.caseStatus + (row.message.map { ": " + $0 } ?? "")))</td>"]
            lines.append("<tr>" + cells.joined() + "</tr>")
        }
        lines.append("</table>")
        return lines.joined(separator: "\n")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
