import Foundation

/// `dlbench compare` output: one line per matched case × metric with both medians, the ratio and its
/// CI, the Mann–Whitney p-value and the verdict, then the geometric-mean lines and unmatched cases.
public enum ComparisonReport {
    public enum Format: String, Sendable, CaseIterable {
        case table, markdown, json
    }

    public static func render(_ comparison: RunComparison, format: Format, colour: Bool = false) -> String {
        switch format {
        case .table: return table(comparison, colour: colour)
        case .markdown: return markdown(comparison)
        case .json: return json(comparison).rendered() + "\n"
        }
    }

    static func columns(_ row: ComparisonRow) -> [String] {
        let scale = QuantityScale.choose(unit: row.unit, magnitude: row.comparison.baselineMedian)
        let isTime = MetricDirection.isTime(unit: row.unit)
        return [row.key.caseName, row.key.metric, scale.format(row.comparison.baselineMedian) + " " + scale.unit,
                scale.format(row.comparison.candidateMedian) + " " + scale.unit,
                StatisticFormatting.factor(row.comparison.ratio), StatisticFormatting.interval(row.comparison.interval),
                StatisticFormatting.pValue(row.comparison.pValue),
                row.comparison.verdict.word(isTime: isTime) + (row.sameEnvironment ? "" : " (other machine)")]
    }

    static let titles = ["case", "metric", "A median", "B median", "B/A", "95% CI", "p", "verdict"]

    static func table(_ comparison: RunComparison, colour: Bool) -> String {
        var table = TextTable(columns: titles.enumerated().map {
            TextTable.Column(title: $0.element, alignment: [2, 3, 4, 5, 6].contains($0.offset) ? .right : .left)
        })
        for row in comparison.rows {
            let cells = columns(row)
            let style: String? = row.comparison.verdict == .slower ? TerminalStyle.red
                : row.comparison.verdict == .faster ? TerminalStyle.green : nil
            table.append(cells.dropLast().map { TextTable.Cell($0) } + [TextTable.Cell(cells[cells.count - 1], style: style)])
        }
        return table.render(colour: colour) + footer(comparison).map { $0 + "\n" }.joined()
    }

    static func markdown(_ comparison: RunComparison) -> String {
        var lines = [MarkdownReport.row(titles), MarkdownReport.rule(["l", "l", "r", "r", "r", "r", "r", "l"])]
        lines += comparison.rows.map { MarkdownReport.row(columns($0)) }
        return lines.joined(separator: "\n") + "\n\n" + footer(comparison).map { $0 + "  \n" }.joined()
    }

    /// Geometric means and unmatched cases, one sentence each.
    static func footer(_ comparison: RunComparison) -> [String] {
        var lines = comparison.geometricMeans.map {
            "geometric mean speedup (\($0.metric), \($0.count) case(s)): \(StatisticFormatting.factor($0.speedup))"
        }
        lines += comparison.onlyInBaseline.map { "only in A: \($0)" }
        lines += comparison.onlyInCandidate.map { "only in B: \($0)" }
        let settings = comparison.settings
        lines.append("verdict: significant at p < \(settings.significanceLevel) and beyond "
                     + "\(StatisticFormatting.percent(settings.practicalThreshold)) (per-metric overrides apply)")
        return lines
    }

    static func json(_ comparison: RunComparison) -> JSONNode {
        .object([
            ("schema", .string("dlbench.compare/1")),
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
                    ("test", .optional(row.comparison.testMethod?.rawValue)),
                    ("threshold", .number(row.comparison.threshold)),
                    ("verdict", .string(row.comparison.verdict.rawValue)),
                    ("sameEnvironment", .bool(row.sameEnvironment)),
                ])
            })),
            ("geometricMeans", .array(comparison.geometricMeans.map {
                .object([("metric", .string($0.metric)), ("speedup", .number($0.speedup)), ("count", .optional($0.count))])
            })),
            ("onlyInBaseline", .array(comparison.onlyInBaseline.map { .string($0.description) })),
            ("onlyInCandidate", .array(comparison.onlyInCandidate.map { .string($0.description) })),
        ])
    }
}
