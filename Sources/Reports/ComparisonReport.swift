import Foundation

/// `dlbench compare` output: one line per matched case × metric with both trial medians, the ratio and its
/// trial-level CI, the t test's p-value, trials × samples and the verdict, then the geometric-mean lines and unmatched cases.
/// The table and markdown show the changed rows (faster or slower) unless `allRows`, with a count of the rest;
/// JSON always carries every row.
public enum ComparisonReport {
    public enum Format: String, Sendable, CaseIterable {
        case table, markdown, json
    }

    public static func render(_ comparison: RunComparison, format: Format, colour: Bool = false,
                              allRows: Bool = true) -> String {
        let shown = allRows ? comparison.rows : comparison.changedRows
        switch format {
        case .table: return table(comparison, rows: shown, colour: colour)
        case .markdown: return markdown(comparison, rows: shown)
        case .json: return json(comparison).rendered() + "\n"
        }
    }

    static func columns(_ row: ComparisonRow) -> [String] {
        let scale = QuantityScale.choose(unit: row.unit, magnitude: row.comparison.baselineMedian)
        let isTime = MetricDirection.isTime(unit: row.unit)
        return [row.key.caseName, row.key.metric, scale.format(row.comparison.baselineMedian) + " " + scale.unit,
                scale.format(row.comparison.candidateMedian) + " " + scale.unit,
                StatisticFormatting.factor(row.comparison.ratio), StatisticFormatting.interval(row.comparison.interval),
                StatisticFormatting.pValue(row.comparison.pValue), row.comparison.replication,
                verdict(row, isTime: isTime) + (row.sameEnvironment ? "" : " (other machine)")]
    }

    static let titles = ["case", "metric", "A trial median", "B trial median", "B/A", "95% CI", "p", "trials×n", "verdict"]

    /// "slower", or "inconclusive (~14 trials)" with the trials per side that would decide.
    static func verdict(_ row: ComparisonRow, isTime: Bool) -> String {
        let word = row.comparison.verdict.word(isTime: isTime)
        guard row.comparison.verdict == .inconclusive else { return word }
        guard let needed = row.comparison.trialsNeeded else { return word + " (<2 trials)" }
        if needed > 1000 && row.comparison.runSpread > 0 { return word + " (run-to-run drift: pair the runs)" }
        return word + (needed > 1000 ? " (>1000 trials)" : " (~\(needed) trials)")
    }

    static func table(_ comparison: RunComparison, rows: [ComparisonRow], colour: Bool) -> String {
        var table = TextTable(columns: titles.enumerated().map {
            TextTable.Column(title: $0.element, alignment: [2, 3, 4, 5, 6, 7].contains($0.offset) ? .right : .left)
        })
        for row in rows {
            let cells = columns(row)
            let style: String? = row.comparison.verdict == .slower ? TerminalStyle.red
                : row.comparison.verdict == .faster ? TerminalStyle.green : nil
            table.append(cells.dropLast().map { TextTable.Cell($0) } + [TextTable.Cell(cells[cells.count - 1], style: style)])
        }
        let body = rows.isEmpty ? "no case × metric changed beyond the threshold\n" : table.render(colour: colour)
        return body + footer(comparison, shown: rows.count).map { $0 + "\n" }.joined()
    }

    static func markdown(_ comparison: RunComparison, rows: [ComparisonRow]) -> String {
        var lines = [MarkdownReport.row(titles), MarkdownReport.rule(["l", "l", "r", "r", "r", "r", "r", "r", "l"])]
        lines += rows.map { MarkdownReport.row(columns($0)) }
        return lines.joined(separator: "\n") + "\n\n" + footer(comparison, shown: rows.count).map { $0 + "  \n" }.joined()
    }

    /// Hidden rows, geometric means and unmatched cases, one sentence each.
    static func footer(_ comparison: RunComparison, shown: Int) -> [String] {
        var lines: [String] = []
        if shown < comparison.rows.count {
            let same = comparison.rows.filter { $0.comparison.verdict == .same }.count
            let inconclusive = comparison.rows.filter { $0.comparison.verdict == .inconclusive }.count
            lines.append("\(shown) of \(comparison.rows.count) case × metric rows changed; not shown: \(same) same, "
                         + "\(inconclusive) inconclusive (--all shows every row)")
        }
        lines += comparison.geometricMeans.map {
            "geometric mean speedup (\($0.metric), \($0.count) case(s)): \(StatisticFormatting.factor($0.speedup))"
        }
        lines += comparison.missingInCandidate.map { "only in A: \($0.key) (B: \($0.reason))" }
        lines += comparison.onlyInCandidate.map { "only in B: \($0)" }
        let settings = comparison.settings
        lines.append("verdict: trial-level \(comparison.paired ? "paired " : "")t test (each worker process one "
                     + "observation); faster/slower when p < \(settings.significanceLevel) and beyond "
                     + "\(StatisticFormatting.percent(settings.practicalThreshold)) (per-metric overrides apply), same when "
                     + "the \(StatisticFormatting.percent(1 - settings.significanceLevel)) CI is within it, else inconclusive")
        return lines
    }

    static func json(_ comparison: RunComparison) -> JSONNode {
        .object([
            ("schema", .string("dlbench.compare/2")),
            ("paired", .bool(comparison.paired)),
            ("significanceLevel", .number(comparison.settings.significanceLevel)),
            ("practicalThreshold", .number(comparison.settings.practicalThreshold)),
            ("rows", .array(comparison.rows.map { row in
                .object([
                    ("task", .string(row.key.task)), ("engine", .string(row.key.engine)),
                    ("machine", .string(row.key.machine)), ("batchSize", .optional(row.key.batchSize)),
                    ("metric", .string(row.key.metric)), ("unit", .string(row.unit)),
                    ("baselineMedian", .number(row.comparison.baselineMedian)),
                    ("candidateMedian", .number(row.comparison.candidateMedian)),
                    ("ratio", .number(row.comparison.ratio)),
                    ("ratioCI", JSONReport.interval(row.comparison.interval)),
                    ("speedup", .number(row.comparison.speedup)),
                    ("pValue", .optional(row.comparison.pValue)),
                    ("design", .string(row.comparison.design.rawValue)),
                    ("baselineTrials", .integer(Int64(row.comparison.baselineTrials))),
                    ("candidateTrials", .integer(Int64(row.comparison.candidateTrials))),
                    ("baselineSamples", .integer(Int64(row.comparison.baselineSamples))),
                    ("candidateSamples", .integer(Int64(row.comparison.candidateSamples))),
                    ("trialsNeeded", .optional(row.comparison.trialsNeeded)),
                    ("threshold", .number(row.comparison.threshold)),
                    ("verdict", .string(row.comparison.verdict.rawValue)),
                    ("sameEnvironment", .bool(row.sameEnvironment)),
                ])
            })),
            ("geometricMeans", .array(comparison.geometricMeans.map {
                .object([("metric", .string($0.metric)), ("speedup", .number($0.speedup)), ("count", .optional($0.count))])
            })),
            ("onlyInBaseline", .array(comparison.missingInCandidate.map {
                .object([("case", .string($0.key.description)), ("reason", .string($0.reason))])
            })),
            ("onlyInCandidate", .array(comparison.onlyInCandidate.map { .string($0.description) })),
        ])
    }
}
