import Foundation
import Measurement

/// One self-contained HTML page that leads with the answer: the run facts (the machine named once), the speedup of
/// every engine over the baseline per task with its 95% CI, then one section per task × batch size with its own
/// charts (primary metric, time to first step, peak memory: bars, CI whiskers, dots of the per-trial medians,
/// axes with ticks and units, a legend), then the full table with the trial-level CI. Inline CSS and SVG only, no
/// script, so it opens offline and can be attached to a CI run. Colour means the engine, everywhere on the page.
public enum HTMLReport {
    /// `pivot`: when given (`report --baseline-engine`), its baseline engine is every task's baseline. `facts`: each
    /// run's protocol choices (baseline, primary metrics, expectations), as `render(from:)` loads them; without them
    /// the baseline is `defaultBaseline(rows:)`.
    public static func render(rows: [ReportRow], runs: [ReportRun], pivot: PivotTable? = nil,
                              settings: ComparisonSettings = ComparisonSettings(),
                              facts: [Int64: ProtocolFacts] = [:]) -> String {
        let baseline = baselineOverride(rows: rows, facts: facts, requested: pivot?.baselineEngine)
        let headline = Headline(rows: rows, facts: facts, baseline: baseline, settings: settings)
        let page = HTMLPage(rows: rows, runs: runs, headline: headline, settings: settings)
        var body = ["<h1>dlbench report</h1>"]
        body += page.runFacts()
        body += page.speedupSection()
        body += page.taskSections()
        body += page.tableSection()
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>dlbench report</title>
            <style>
            \(stylesheet)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    static let stylesheet = """
        body { font-family: sans-serif; margin: 1.5em 2em; color: #222; max-width: 1400px; }
        h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
        h3 { margin: 1.2em 0 0.3em; }
        p.note, .empty { color: #666; font-size: 0.9em; }
        table { border-collapse: collapse; font-size: 0.9em; margin: 0.4em 0; }
        th, td { border: 1px solid #ccc; padding: 2px 6px; }
        th { background: #f4f4f4; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.faster { font-weight: bold; }
        .charts { display: flex; flex-wrap: wrap; gap: 12px 20px; }
        figure { margin: 0; }
        svg.chart { display: block; }
        svg text { font-size: 12px; font-family: sans-serif; fill: #222; }
        svg .chart-title { font-weight: bold; }
        svg .group-heading { font-weight: bold; fill: #444; }
        svg .axis line { stroke: #444; }
        svg .axis-label { fill: #444; }
        svg .grid line { stroke: #e6e6e6; }
        svg .ci { stroke: #222; stroke-width: 1.5; fill: none; }
        svg .trial { stroke: #222; stroke-width: 0.8; }
        svg .key-trial { fill: #fff; }
        svg .key-estimate { fill: #bbb; }
        svg .reference-line { stroke: #555; stroke-dasharray: 4 3; fill: none; }
        svg .value { fill: #222; }
        """

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
