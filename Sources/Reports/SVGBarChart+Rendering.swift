import Foundation

/// The SVG text of a chart: title and description for screen readers, grid, axes with tick labels, the rows
/// (bar, CI whisker, dots of trial medians, value text), the reference line and the legend. Class names
/// (`axis`, `tick`, `legend`, `bar`, `trial`, `ci`) are what the tests and the page's CSS select.
extension SVGBarChart {
    func render() -> String {
        let layout = Layout(self)
        let ticks = self.ticks
        let plotTop = Layout.titleHeight
        var y = plotTop
        var body: [String] = []
        for group in groups {
            if let heading = group.heading {
                body.append(text(heading, x: 4, y: y + 14, attributes: "class=\"group-heading\""))
                y += Layout.headingHeight
            }
            for row in group.rows {
                body += rowParts(row, top: y, layout: layout, ticks: ticks)
                y += Layout.rowHeight
            }
        }
        let plotBottom = y + 4
        let legend = legendParts(top: plotBottom + Layout.axisHeight, layout: layout)
        let height = plotBottom + Layout.axisHeight + legend.height
        var parts = [
            String(format: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"%@\" width=\"%.0f\" height=\"%.0f\" "
                   + "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-labelledby=\"%@-title %@-desc\">",
                   id, layout.width, height, layout.width, height, id, id),
            "<title id=\"\(id)-title\">\(HTMLReport.escape(title))</title>",
            "<desc id=\"\(id)-desc\">\(HTMLReport.escape(summary))</desc>",
            text(heading, x: 4, y: 17, attributes: "class=\"chart-title\""),
        ]
        parts += gridParts(ticks, layout: layout, top: plotTop, bottom: plotBottom)
        parts += body
        if let reference {
            let position = x(reference.value, layout, ticks)
            parts.append("<g class=\"reference\">" + line(position, plotTop, position, plotBottom, "class=\"reference-line\"")
                         + "</g>")
        }
        parts += axisParts(ticks, layout: layout, top: plotTop, bottom: plotBottom)
        parts += legend.parts
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// One engine's row: the bar in its upper half, the CI whisker and the trial dots in its lower half (the
    /// strip beside the bar), the value text in the right column.
    func rowParts(_ row: Row, top: Double, layout: Layout, ticks: AxisTicks) -> [String] {
        let colour = palette.colour(for: row.engine)
        var parts = ["<g class=\"bar\" data-engine=\"\(HTMLReport.escape(row.engine))\">",
                     "<title>\(HTMLReport.escape(row.detail))</title>",
                     text(row.label, x: layout.plotLeft - 8, y: top + 18, attributes: "class=\"tick-label\" text-anchor=\"end\"")]
        let origin = x(reference?.value ?? max(ticks.lower, min(0, ticks.upper)), layout, ticks)
        if let value = row.value, value.isFinite {
            let end = x(value, layout, ticks)
            parts.append(String(format: "<rect class=\"estimate\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"%@\"/>",
                                min(origin, end), top + 4, max(abs(end - origin), 1), colour))
        }
        let strip = top + 22
        if let lower = row.lower, let upper = row.upper, lower.isFinite, upper.isFinite {
            let left = x(lower, layout, ticks)
            let right = x(upper, layout, ticks)
            parts.append(String(format: "<path class=\"ci\" d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\"/>",
                                left, strip, right, left, strip - 4, strip + 4, right, strip - 4, strip + 4))
        }
        for (index, point) in row.points.enumerated() where point.isFinite {
            // A small fixed vertical offset per trial keeps equal medians from hiding each other.
            let offset = [0.0, -2.5, 2.5][index % 3]
            parts.append(String(format: "<circle class=\"trial\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\" fill=\"%@\"/>",
                                x(point, layout, ticks), strip + offset, colour))
        }
        parts.append(text(row.valueText, x: layout.plotRight + 8, y: top + 18, attributes: "class=\"value\""))
        parts.append("</g>")
        return parts
    }

    func gridParts(_ ticks: AxisTicks, layout: Layout, top: Double, bottom: Double) -> [String] {
        let lines = ticks.values.map { value in
            line(x(value, layout, ticks), top, x(value, layout, ticks), bottom, "")
        }
        return ["<g class=\"grid\">" + lines.joined() + "</g>"]
    }

    /// The x axis (domain line, tick marks and labels, title with unit) and the y axis (its line; the engine
    /// labels are the rows' tick labels).
    func axisParts(_ ticks: AxisTicks, layout: Layout, top: Double, bottom: Double) -> [String] {
        var parts = ["<g class=\"axis x-axis\">", line(layout.plotLeft, bottom, layout.plotRight, bottom, "class=\"domain\"")]
        for value in ticks.values {
            let position = x(value, layout, ticks)
            parts.append("<g class=\"tick\">" + line(position, bottom, position, bottom + 5, "")
                         + text(ticks.label(value), x: position, y: bottom + 18, attributes: "class=\"tick-label\" text-anchor=\"middle\"")
                         + "</g>")
        }
        parts.append(text(axisLabel, x: (layout.plotLeft + layout.plotRight) / 2, y: bottom + 35,
                          attributes: "class=\"axis-label\" text-anchor=\"middle\""))
        parts.append("</g>")
        parts.append("<g class=\"axis y-axis\">" + line(layout.plotLeft, top, layout.plotLeft, bottom, "class=\"domain\"") + "</g>")
        return parts
    }

    /// The engines of this chart with their colours, then what the marks mean; wrapped to the chart's width.
    func legendParts(top: Double, layout: Layout) -> (parts: [String], height: Double) {
        var engines: [String] = []
        for row in rows where !engines.contains(row.engine) { engines.append(row.engine) }
        typealias Item = (glyph: String, label: String)
        var items: [Item] = engines.map { engine in
            (String(format: "<rect x=\"0\" y=\"-9\" width=\"12\" height=\"10\" fill=\"%@\"/>", palette.colour(for: engine)), engine)
        }
        if rows.contains(where: { $0.value != nil }) {
            items.append(("<rect x=\"0\" y=\"-9\" width=\"12\" height=\"10\" class=\"key-estimate\"/>", "bar: estimate"))
        }
        if rows.contains(where: { !$0.points.isEmpty }) {
            items.append(("<circle class=\"trial key-trial\" cx=\"6\" cy=\"-4\" r=\"2.6\"/>", "dots: trial medians"))
        }
        if rows.contains(where: { $0.lower != nil }) {
            items.append(("<path class=\"ci\" d=\"M0 -4H12M0 -8V0M12 -8V0\"/>", "whisker: 95% CI"))
        }
        if let reference {
            items.append(("<path class=\"reference-line\" d=\"M6 -10V2\"/>", reference.label))
        }
        var parts = ["<g class=\"legend\">"]
        var cursor = 4.0
        var baseline = top + 12
        for item in items {
            let width = 18 + Layout.textWidth(item.label) + 14
            if cursor > 4 && cursor + width > layout.width - 4 {
                cursor = 4
                baseline += Layout.legendLineHeight
            }
            parts.append(String(format: "<g class=\"legend-item\" transform=\"translate(%.1f %.1f)\">", cursor, baseline)
                         + item.glyph + text(item.label, x: 18, y: 0, attributes: "") + "</g>")
            cursor += width
        }
        parts.append("</g>")
        return (parts, baseline - top + 10)
    }

    func text(_ content: String, x: Double, y: Double, attributes: String) -> String {
        String(format: "<text x=\"%.1f\" y=\"%.1f\"%@>%@</text>", x, y, attributes.isEmpty ? "" : " " + attributes,
               HTMLReport.escape(content))
    }

    func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ attributes: String) -> String {
        String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"%@/>", x1, y1, x2, y2,
               attributes.isEmpty ? "" : " " + attributes)
    }
}
