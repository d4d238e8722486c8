import Foundation
import Measurement

/// The page's first section, the answer: per task, every engine's speedup over the baseline on the task's primary
/// metric (bar from 1×, 95% CI whisker), the same numbers as a table with the verdict and trials × samples, then
/// the protocol's expectations.
extension HTMLPage {
    func speedupSection() -> [String] {
        let baselines = Set(headline.slots.map(\.baselineEngine))
        let shared = baselines.count == 1 ? baselines.first : nil
        var lines = ["<section id=\"speedup\">",
                     "<h2>Speedup over \(shared.map { "<b>\(HTMLReport.escape($0))</b>" } ?? "each task's baseline")</h2>",
                     "<p class=\"note\">Baseline estimate / engine estimate on the task's primary metric: above 1× the "
                        + "engine is faster (for a rate: better) than the baseline.</p>"]
        if let chart = speedupChart(sharedBaseline: shared) {
            lines.append("<figure>\n\(chart.render())\n</figure>")
            lines += speedupTable()
        } else {
            lines.append("<p class=\"empty\">No task ran on two engines with samples: nothing to compare.</p>")
        }
        lines += expectationList()
        lines.append("</section>")
        return lines
    }

    func speedupChart(sharedBaseline: String?) -> SVGBarChart? {
        let groups = headline.slots.compactMap { slot -> SVGBarChart.Group? in
            let rows = slot.entries.filter { !$0.isBaseline }.map { speedupRow($0, slot: slot) }
            guard !rows.isEmpty else { return nil }
            var heading = title(slot) + " · " + HTMLPage.metricLabel(slot.metric)
            if sharedBaseline == nil { heading += " · vs " + slot.baselineEngine }
            return SVGBarChart.Group(heading: heading, rows: rows)
        }
        guard groups.contains(where: { $0.rows.contains { $0.value != nil } }) else { return nil }
        let against = sharedBaseline ?? "the task's baseline"
        return SVGBarChart(id: "speedup-chart", heading: "speedup over \(against), 95% CI",
                           title: "Speedup of each engine over \(against), per task",
                           summary: "One bar per engine and task, from 1× (the baseline) to the speedup; the whisker "
                            + "is the trial-level 95% confidence interval. "
                            + groups.flatMap { group in group.rows.map { $0.detail } }.joined(separator: " "),
                           axisLabel: "speedup (×, baseline = 1)", groups: groups, palette: palette,
                           reference: SVGBarChart.Reference(value: 1, label: "1× = \(against)"))
    }

    func speedupRow(_ entry: HeadlineEntry, slot: HeadlineSlot) -> SVGBarChart.Row {
        guard let comparison = entry.comparison, comparison.speedup.isFinite else {
            // A target never reached gives an infinite estimate: a comparison, but no ratio to draw.
            let reason = !entry.succeeded ? entry.status : entry.comparison == nil ? "no samples" : "no finite ratio"
            return SVGBarChart.Row(label: entry.engine, engine: entry.engine, valueText: reason,
                                   detail: "\(entry.engine): \(reason)" + (entry.message.map { " (\($0))" } ?? "") + ".")
        }
        let interval = comparison.speedupInterval
        let change = StatisticFormatting.change(speedup: comparison.speedup, isTime: slot.isSpeed)
        let range = interval.map { " (" + StatisticFormatting.interval($0) + ")" } ?? ""
        let detail = "\(title(slot)), \(entry.engine): \(change) than \(slot.baselineEngine) on \(slot.metric)"
            + (interval.map { ", 95% CI " + StatisticFormatting.interval($0) } ?? ", no CI (fewer than 2 trials)")
            + ", \(comparison.verdict.word(isTime: slot.isSpeed))."
        return SVGBarChart.Row(label: entry.engine, engine: entry.engine, value: comparison.speedup,
                               lower: interval?.lower, upper: interval?.upper,
                               valueText: StatisticFormatting.factor(comparison.speedup) + range, detail: detail)
    }

    /// One line per task × engine: the speedup, its CI, the verdict (in words, not only colour) and the trials.
    func speedupTable() -> [String] {
        var lines = ["<table class=\"speedup\">",
                     "<tr><th>task</th><th>metric</th><th>engine</th><th>vs</th><th>speedup</th><th>95% CI</th>"
                        + "<th>verdict</th><th>trials×n</th></tr>"]
        for slot in headline.slots {
            for entry in slot.entries where !entry.isBaseline {
                let comparison = entry.comparison
                let verdict = comparison.map { $0.verdict.word(isTime: slot.isSpeed) } ?? entry.status
                let why = comparison.flatMap { $0.verdict == .inconclusive ? StatisticFormatting.trialsNeededSentence($0) : nil }
                let cells = [
                    HTMLPage.cell(title(slot)), HTMLPage.cell(slot.metric), HTMLPage.cell(entry.engine),
                    HTMLPage.cell(slot.baselineEngine),
                    HTMLPage.cell(comparison.map { StatisticFormatting.factor($0.speedup) } ?? "-", number: true),
                    HTMLPage.cell(StatisticFormatting.interval(comparison?.speedupInterval), number: true),
                    "<td class=\"verdict \(HTMLReport.escape(verdict))\"\(why.map { " title=\"\(HTMLReport.escape($0))\"" } ?? "")>"
                        + HTMLReport.escape(verdict) + (why.map { " (" + HTMLReport.escape($0) + ")" } ?? "") + "</td>",
                    HTMLPage.cell(comparison?.replication ?? "-", number: true),
                ]
                lines.append("<tr>" + cells.joined() + "</tr>")
            }
        }
        lines.append("</table>")
        return lines
    }

    /// The protocol's expectations as `dlbench check` decides them; nothing when the protocol has none.
    func expectationList() -> [String] {
        guard !headline.expectations.isEmpty else { return [] }
        var lines = ["<h3>Expectations</h3>", "<ul class=\"expectations\">"]
        for outcome in headline.expectations {
            var text = "<b>\(outcome.verdict.rawValue)</b>: \(HTMLReport.escape(outcome.expectation.summary))"
            if let speedup = outcome.speedup {
                text += " — measured " + StatisticFormatting.factor(speedup)
                    + (outcome.speedupInterval.map { " (95% CI " + StatisticFormatting.interval($0) + ")" } ?? "")
            }
            if let problem = outcome.problem { text += " — " + HTMLReport.escape(problem) }
            lines.append("<li>\(text)</li>")
        }
        lines.append("</ul>")
        return lines
    }

    static func cell(_ text: String, number: Bool = false) -> String {
        "<td\(number ? " class=\"number\"" : "")>\(HTMLReport.escape(text))</td>"
    }
}
