import XCTest
@testable import Reports

/// The chart's structure: accessible title and description, an x axis with one tick group per nice tick, the
/// engine rows with bar, CI whisker and one dot per trial, a legend naming every engine and mark.
final class SVGBarChartTests: XCTestCase {
    let palette = EnginePalette(engines: ["eager", "fused", "opencl"])

    func chart(reference: SVGBarChart.Reference? = nil) -> SVGBarChart {
        SVGBarChart(id: "chart-1", heading: "step time", title: "train: step time per engine", summary: "what it shows",
                    axisLabel: "step time (ms)", groups: [SVGBarChart.Group(heading: nil, rows: [
                        SVGBarChart.Row(label: "eager", engine: "eager", value: 2.249, lower: 2.08, upper: 2.43,
                                        points: [2.2, 2.25, 2.3], valueText: "2.249 ms", detail: "eager: 2.249 ms"),
                        SVGBarChart.Row(label: "fused", engine: "fused", value: 1.687, lower: 1.56, upper: 1.82,
                                        points: [1.65, 1.69, 1.72], valueText: "1.687 ms", detail: "fused: 1.687 ms"),
                        SVGBarChart.Row(label: "opencl", engine: "opencl", valueText: "failed", detail: "opencl: failed"),
                    ])], palette: palette, reference: reference)
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func testTheChartHasAnAccessibleTitleAndDescription() throws {
        let svg = chart().render()
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"chart-1\""))
        XCTAssertTrue(svg.contains("aria-labelledby=\"chart-1-title chart-1-desc\""))
        XCTAssertTrue(svg.contains("<title id=\"chart-1-title\">train: step time per engine</title>"))
        XCTAssertTrue(svg.contains("<desc id=\"chart-1-desc\">what it shows</desc>"))
        XCTAssertEqual(try TagBalance.check(svg), [])
    }

    func testTheXAxisHasOneLabelledTickPerNiceValueAndTheUnit() {
        let chart = self.chart()
        let svg = chart.render()
        XCTAssertEqual(chart.ticks.values, [0, 0.5, 1, 1.5, 2, 2.5])
        XCTAssertTrue(svg.contains("<g class=\"axis x-axis\">"))
        XCTAssertTrue(svg.contains("<g class=\"axis y-axis\">"))
        XCTAssertEqual(count("<g class=\"tick\">", in: svg), 6)
        for label in ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"] {
            XCTAssertTrue(svg.contains("text-anchor=\"middle\">\(label)</text></g>"), label)
        }
        XCTAssertTrue(svg.contains(">step time (ms)</text>"))
    }

    func testEachRowHasItsBarWhiskerAndOneDotPerTrial() {
        let svg = chart().render()
        XCTAssertEqual(count("<g class=\"bar\"", in: svg), 3)
        XCTAssertEqual(count("<rect class=\"estimate\"", in: svg), 2, "the failed engine has no bar")
        XCTAssertEqual(count("<path class=\"ci\"", in: svg), 2 + 1, "two whiskers and the legend's")
        XCTAssertEqual(count("<circle class=\"trial\"", in: svg), 6)
        XCTAssertTrue(svg.contains(">failed</text>"))
        XCTAssertTrue(svg.contains("<title>eager: 2.249 ms</title>"), "a tooltip per row")
    }

    func testColourFollowsTheEngineInEveryChart() {
        let svg = chart().render()
        let fused = palette.colour(for: "fused")
        XCTAssertNotEqual(fused, palette.colour(for: "eager"))
        XCTAssertTrue(svg.contains("fill=\"\(fused)\"/>"))
        XCTAssertEqual(EnginePalette(engines: ["eager", "fused", "eager"]).colour(for: "fused"), fused,
                       "the palette keeps first-seen order")
        XCTAssertEqual(palette.colour(for: "unheard-of"), EnginePalette.unknown)
    }

    func testTheLegendNamesEveryEngineAndEveryMark() throws {
        let svg = chart(reference: SVGBarChart.Reference(value: 1, label: "1× = eager")).render()
        let legend = try XCTUnwrap(svg.components(separatedBy: "<g class=\"legend\">").last)
        for label in ["eager", "fused", "opencl", "bar: estimate", "dots: trial medians", "whisker: 95% CI", "1× = eager"] {
            XCTAssertTrue(legend.contains(">\(label)</text>"), label)
        }
        XCTAssertTrue(svg.contains("<g class=\"reference\">"))
    }

    func testBarsGrowFromTheReferenceValue() throws {
        var speedup = chart(reference: SVGBarChart.Reference(value: 1, label: "1×"))
        speedup.groups = [SVGBarChart.Group(heading: "train", rows: [
            SVGBarChart.Row(label: "fused", engine: "fused", value: 1.4, valueText: "1.4×", detail: ""),
            SVGBarChart.Row(label: "opencl", engine: "opencl", value: 0.8, valueText: "0.8×", detail: ""),
        ])]
        let ticks = speedup.ticks
        XCTAssertEqual(ticks.lower, 0.8, accuracy: 1e-12)
        let layout = SVGBarChart.Layout(speedup)
        let one = speedup.x(1, layout, ticks)
        let svg = speedup.render()
        // fused: from 1× to the right; opencl: from 0.8× to 1× (to the left of the reference).
        XCTAssertTrue(svg.contains(String(format: "<rect class=\"estimate\" x=\"%.1f\"", one)))
        XCTAssertTrue(svg.contains(String(format: "<rect class=\"estimate\" x=\"%.1f\"", speedup.x(0.8, layout, ticks))))
        XCTAssertTrue(svg.contains(">train</text>"), "the group heading")
    }

    func testTheChartIsWideEnoughForItsLongestLabelsAndHeadings() {
        var chart = self.chart()
        chart.groups[0].rows[0].label = String(repeating: "x", count: 24)
        chart.heading = String(repeating: "h", count: 100)
        let layout = SVGBarChart.Layout(chart)
        XCTAssertGreaterThanOrEqual(layout.labelWidth, SVGBarChart.Layout.textWidth(chart.groups[0].rows[0].label))
        XCTAssertGreaterThanOrEqual(layout.width, SVGBarChart.Layout.textWidth(chart.heading))
        XCTAssertTrue(chart.render().contains(String(format: "width=\"%.0f\"", layout.width)))
    }
}
