import Foundation

/// A horizontal bar chart as inline SVG: one row per engine (optionally in headed groups), each with a bar (the
/// estimate), a 95% CI whisker and a strip of dots (the per-trial medians) under it; an x axis with nice ticks and
/// the unit, and a legend. Hand-written SVG keeps the HTML report self-contained: no script, no web font, no network.
///
/// Every chart has its own scale (`AxisTicks` over its own values), so a 100 µs task and a 2 ms task are each read
/// on an axis that shows their differences. Colour is the engine's (`EnginePalette`), and every row is labelled
/// with its engine too, so nothing is told by colour alone.
struct SVGBarChart {
    struct Row: Equatable {
        /// The row's label (the engine's name) and its colour key.
        var label: String
        var engine: String
        /// End of the bar; nil: no number (a failed or skipped case, said by `valueText`).
        var value: Double?
        /// 95% CI of `value`; nil without one (fewer than two trials).
        var lower: Double?
        var upper: Double?
        /// Per-trial medians, drawn as dots so the spread between trials is visible.
        var points: [Double] = []
        /// The right-hand column: the number with its interval, or why there is none.
        var valueText: String
        /// Tooltip and accessible text of the row.
        var detail: String
    }

    struct Group: Equatable {
        var heading: String?
        var rows: [Row]
    }

    /// A value the bars grow from instead of the axis start, drawn as a dashed line (1× for speedups).
    struct Reference: Equatable {
        var value: Double
        var label: String
    }

    /// Unique on the page: the ids of `<title>` and `<desc>` derive from it.
    var id: String
    /// The visible title above the plot; `title` is the `<title>` (what a screen reader announces, complete on its own).
    var heading: String
    var title: String
    /// The `<desc>`: what the chart shows, in words.
    var summary: String
    /// The x axis title with its unit, e.g. "step time (ms)".
    var axisLabel: String
    var groups: [Group]
    var palette: EnginePalette
    var reference: Reference?

    var rows: [Row] { groups.flatMap(\.rows) }

    /// The axis over every drawn value (bars, interval ends, dots, reference), from zero unless a reference value
    /// is the bars' origin (speedups then start near 1, not at 0).
    var ticks: AxisTicks {
        var values = rows.flatMap { row in [row.value, row.lower, row.upper].compactMap { $0 } + row.points }
        values = values.filter(\.isFinite)
        if let reference { values.append(reference.value) } else { values.append(0) }
        guard let minimum = values.min(), let maximum = values.max() else { return AxisTicks.nice(minimum: 0, maximum: 1) }
        return AxisTicks.nice(minimum: minimum, maximum: maximum)
    }

    /// Pixel geometry, from the longest label and value text so nothing is clipped.
    struct Layout {
        static let characterWidth = 7.0
        static let titleHeight = 28.0
        static let headingHeight = 20.0
        static let rowHeight = 30.0
        static let axisHeight = 42.0
        static let legendLineHeight = 18.0
        static let plotWidth = 280.0

        var labelWidth: Double
        var valueWidth: Double
        var plotLeft: Double { labelWidth }
        var plotRight: Double { labelWidth + Layout.plotWidth }
        /// Wide enough for the value column and for the title and group headings, which span the chart.
        var width: Double


        init(_ chart: SVGBarChart) {
            let labelCharacters = chart.rows.map(\.label.count).max() ?? 0
            let valueCharacters = chart.rows.map(\.valueText.count).max() ?? 0
            labelWidth = min(max(Double(labelCharacters) * Layout.characterWidth + 14, 56), 220)
            valueWidth = min(max(Double(valueCharacters) * Layout.characterWidth + 16, 48), 240)
            let headings = [chart.heading] + chart.groups.compactMap(\.heading)
            let widest = headings.map { Layout.textWidth($0) + 12 }.max() ?? 0
            width = max(labelWidth + Layout.plotWidth + valueWidth, widest)
        }

        /// Width of `text` at the chart's 12 px font, estimated (no font metrics without a browser).
        static func textWidth(_ text: String) -> Double { Double(text.count) * characterWidth }
    }

    func x(_ value: Double, _ layout: Layout, _ ticks: AxisTicks) -> Double {
        layout.plotLeft + Layout.plotWidth * ticks.fraction(value)
    }
}
