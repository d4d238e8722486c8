import Foundation
import Measurement

/// The page's last section: every row with the trial-level estimate, its 95% CI, the pooled p10–p90 and
/// trials × samples, one unit per metric for the whole table (as `TableReport`); the machine column only when
/// rows come from several machines, a run column when from several runs.
extension HTMLPage {
    func tableSection() -> [String] {
        var headers = ["task", "engine"]
        if sharedMachine == nil { headers.append("machine") }
        if showsRun { headers.insert("run", at: 0) }
        headers += ["batch", "metric", "trial median", "95% CI", "p10–p90", "trials×n", "unit", "status"]
        var lines = ["<section id=\"results\">", "<h2>All results</h2>",
                     "<p class=\"note\">trial median: geometric mean of the per-trial medians; 95% CI: Student's t over "
                        + "trials, widened for times and rates by the run-to-run spread; p10–p90: the pooled samples; "
                        + "trials×n: trials × samples per trial.</p>",
                     "<table class=\"results\">",
                     "<tr>" + headers.map { "<th>\(HTMLReport.escape($0))</th>" }.joined() + "</tr>"]
        let scales = QuantityScale.perMetric(rows)
        for row in rows {
            let estimate = self.estimate(row)
            let scale = scales[row.metric] ?? QuantityScale.choose(unit: row.unit, magnitude: estimate?.estimate ?? row.median)
            var cells: [String] = []
            if showsRun { cells.append(HTMLPage.cell(String(row.runID), number: true)) }
            cells += [HTMLPage.cell(row.task), HTMLPage.cell(row.engine)]
            if sharedMachine == nil { cells.append(HTMLPage.cell(row.machine)) }
            let interval = estimate?.interval.map { "\(scale.format($0.lower))–\(scale.format($0.upper))" } ?? ""
            let spread = row.p10 == nil ? "" : "\(scale.format(row.p10))–\(scale.format(row.p90))"
            cells += [HTMLPage.cell(row.batchSize.map(String.init) ?? "-", number: true), HTMLPage.cell(row.metric),
                      HTMLPage.cell(scale.format(estimate?.estimate ?? row.median), number: true),
                      HTMLPage.cell(interval, number: true), HTMLPage.cell(spread, number: true),
                      HTMLPage.cell(estimate?.replicationLabel ?? "", number: true),
                      HTMLPage.cell(row.metric.isEmpty ? "" : scale.unit),
                      HTMLPage.cell(row.caseStatus + (row.message.map { ": " + $0 } ?? ""))]
            lines.append("<tr>" + cells.joined() + "</tr>")
        }
        lines += ["</table>", "</section>"]
        return lines
    }
}
