import Foundation
import Measurement

/// One section per task × batch size (× machine, × run) with its own charts — the primary metric, time to first
/// step and peak memory — each on its own scale and unit, so a 100 µs task is not a sliver beside a 2 ms one.
extension HTMLPage {
    func taskSections() -> [String] {
        var lines = ["<section id=\"tasks\">", "<h2>Per task</h2>",
                     "<p class=\"note\">Each chart has its own scale. Bar: the engine's estimate; dots: the median "
                        + "of each trial; whisker: the 95% CI over trials.</p>"]
        if headline.slots.isEmpty { lines.append("<p class=\"empty\">no data</p>") }
        for (index, slot) in headline.slots.enumerated() {
            let charts = self.charts(slot, index: index)
            lines.append("<section class=\"task\" id=\"\(HTMLPage.identifier(["task", String(index + 1), slot.task]))\">")
            lines.append("<h3>\(HTMLReport.escape(title(slot)))</h3>")
            if charts.isEmpty {
                lines.append("<p class=\"empty\">no samples</p>")
            } else {
                lines.append("<div class=\"charts\">")
                lines += charts.map { "<figure>\n\($0.render())\n</figure>" }
                lines.append("</div>")
            }
            lines.append("</section>")
        }
        lines.append("</section>")
        return lines
    }

    /// The charted metrics of a slot: its primary metric, then time to first step and peak memory (RSS when
    /// measured, else live tensor bytes), each only when some engine has samples of it.
    func charts(_ slot: HeadlineSlot, index: Int) -> [SVGBarChart] {
        let rows = self.rows(of: slot)
        func hasSamples(_ metric: String) -> Bool {
            rows.contains { $0.metric == metric && $0.samples.contains { !$0.isNaN } }
        }
        let memory = hasSamples("peak_rss_bytes") ? "peak_rss_bytes" : "peak_live_bytes"
        var metrics: [String] = []
        for metric in [slot.metric, "time_to_first_step", memory] where hasSamples(metric) && !metrics.contains(metric) {
            metrics.append(metric)
        }
        return metrics.map { metric in
            chart(metric: metric, slot: slot, rows: rows, id: HTMLPage.identifier(["chart", String(index + 1), metric]))
        }
    }

    /// One row per engine of the slot (in the slot's order, so every chart of a task lists them alike); an engine
    /// without samples of `metric` keeps its row with the reason (failed, skipped, no samples).
    func chart(metric: String, slot: HeadlineSlot, rows: [ReportRow], id: String) -> SVGBarChart {
        let engines = slot.entries.map(\.engine)
        let measured = engines.map { engine in
            rows.first { $0.engine == engine && $0.metric == metric && $0.samples.contains { !$0.isNaN } }
        }
        let unit = measured.compactMap { $0?.unit }.first ?? ""
        let estimates = measured.map { $0.flatMap(estimate) }
        let values = estimates.flatMap { estimate -> [Double?] in [estimate?.estimate, estimate?.interval?.upper] }
        let scale = QuantityScale.choose(unit: unit, values: values + measured.map { $0?.median })
        let name = HTMLPage.metricLabel(metric)
        let chartRows = engines.indices.map { index -> SVGBarChart.Row in
            let engine = engines[index]
            guard let row = measured[index] else {
                let entry = slot.entries[index]
                let reason = entry.succeeded ? "no samples" : entry.status
                return SVGBarChart.Row(label: engine, engine: engine, valueText: reason,
                                       detail: "\(engine): \(reason)" + (entry.message.map { " (\($0))" } ?? "") + ".")
            }
            return chartRow(row, estimate: estimates[index], scale: scale, metric: name)
        }
        let chartTitle = "\(title(slot)): \(name) per engine"
        return SVGBarChart(id: id, heading: name, title: chartTitle,
                           summary: "\(chartTitle), in \(scale.unit). "
                            + chartRows.map(\.detail).joined(separator: " "),
                           axisLabel: "\(name) (\(scale.unit))", groups: [SVGBarChart.Group(heading: nil, rows: chartRows)],
                           palette: palette)
    }

    func chartRow(_ row: ReportRow, estimate: TrialEstimate?, scale: QuantityScale, metric: String) -> SVGBarChart.Row {
        let value = estimate?.estimate ?? row.median
        let interval = estimate?.interval
        let scaled = { (value: Double) in value / scale.divisor }
        var detail = "\(row.engine): \(metric) \(scale.format(value)) \(scale.unit)"
        if let interval {
            detail += ", 95% CI \(scale.format(interval.lower))–\(scale.format(interval.upper)) \(scale.unit)"
        }
        if let estimate {
            detail += ", trials×samples \(estimate.replicationLabel)"
        }
        detail += "."
        return SVGBarChart.Row(label: row.engine, engine: row.engine, value: value.map(scaled),
                               lower: interval.map { scaled($0.lower) }, upper: interval.map { scaled($0.upper) },
                               points: (estimate?.trialMedians ?? []).map(scaled),
                               valueText: scale.format(value) + " " + scale.unit, detail: detail)
    }
}
