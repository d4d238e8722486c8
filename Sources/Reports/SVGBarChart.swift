import Foundation

/// A horizontal bar chart as inline SVG: one bar per item, optional error bars (a CI) and an optional
/// reference line (1× for speedups). Hand-written SVG keeps the HTML report self-contained: no
/// script, no web font, no network.
struct SVGBarChart {
    struct Bar {
        var label: String
        var value: Double
        var lower: Double?
        var upper: Double?
        /// Which palette colour (series index) the bar uses.
        var series = 0
    }

    var title: String
    var unit: String
    var bars: [Bar]
    var referenceValue: Double?

    static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1"]

    func render() -> String {
        let labelWidth = 300.0
        let plotWidth = 420.0
        let rowHeight = 22.0
        let top = 30.0
        let height = top + rowHeight * Double(bars.count) + 30
        let finite = bars.flatMap { [$0.value, $0.upper ?? $0.value] }.filter(\.isFinite) + [referenceValue ?? 0]
        let maximum = max(finite.max() ?? 1, 1e-300) * 1.1
        func x(_ value: Double) -> Double { labelWidth + plotWidth * min(max(value, 0), maximum) / maximum }
        var parts = [String(format: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" role=\"img\">",
                            labelWidth + plotWidth + 90, height),
                     "<title>\(HTMLReport.escape(title))</title>",
                     "<text x=\"4\" y=\"18\" font-weight=\"bold\">\(HTMLReport.escape(title)) (\(HTMLReport.escape(unit)))</text>"]
        for (index, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(index)
            let colour = SVGBarChart.palette[bar.series % SVGBarChart.palette.count]
            parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%@</text>",
                                labelWidth - 6, y + 15, HTMLReport.escape(bar.label)))
            if bar.value.isFinite {
                parts.append(String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%@\"/>",
                                    labelWidth, y + 3, x(bar.value) - labelWidth, rowHeight - 6, colour))
            }
            if let lower = bar.lower, let upper = bar.upper, lower.isFinite, upper.isFinite {
                let middle = y + rowHeight / 2
                parts.append(String(format: "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\" stroke=\"#222\" fill=\"none\"/>",
                                    x(lower), middle, x(upper), x(lower), middle - 5, middle + 5, x(upper), middle - 5, middle + 5))
            }
            parts.append(String(format: "<text x=\"%.1f\" y=\"%.1f\">%@</text>", x(max(bar.value, bar.upper ?? bar.value)) + 6,
                                y + 15, HTMLReport.escape(QuantityScale.format(bar.value))))
        }
        if let referenceValue {
            parts.append(String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>",
                                x(referenceValue), top, x(referenceValue), height - 26))
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}
