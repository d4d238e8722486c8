import XCTest
@testable import Reports

/// The HTML report in a real browser (headless Chromium at 1400 px): it loads without console errors, every chart
/// is an `<svg>` with axes, tick labels and a legend, the speedup section comes first, and in the rendered layout no
/// label is clipped or overlaps another. Skips without chromium, except under CI (see `HeadlessChromium`).
/// `DLBENCH_BROWSER_ARTIFACTS=DIR` keeps the page and its screenshot there for a look.
final class HTMLBrowserTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dlbench-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The page under test: quickstart-like rows (two training tasks 20× apart, an inference task, a failed engine).
    func page() throws -> (html: String, url: URL) {
        let html = HTMLReport.render(rows: HTMLFixtures.rows(), runs: [HTMLFixtures.run])
        let url = directory.appendingPathComponent("report.html")
        try html.write(to: url, atomically: true, encoding: .utf8)
        return (html, url)
    }

    func testThePageLoadsWithoutErrorsAndEveryChartHasAxesAndALegend() throws {
        let browser = try HeadlessChromium.locate()
        let (html, url) = try page()
        let result = try browser.run(["--dump-dom"], page: url)
        XCTAssertFalse(result.timedOut)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.consoleMessages, [])
        let dom = result.standardOutput
        XCTAssertTrue(dom.contains("<h1>dlbench report</h1>") && dom.hasSuffix("</html>\n") || dom.contains("</body></html>"),
                      "the DOM was dumped: \(dom.prefix(200))")
        let charts = HTMLChunks.charts(dom)
        XCTAssertEqual(charts.count, HTMLChunks.charts(html).count, "every chart survived parsing")
        XCTAssertGreaterThanOrEqual(charts.count, 8)
        for chart in charts {
            let id = chart.components(separatedBy: "id=\"").dropFirst().first?.prefix { $0 != "\"" } ?? "?"
            XCTAssertTrue(chart.contains("class=\"axis x-axis\""), "\(id): x axis")
            XCTAssertTrue(chart.contains("class=\"axis y-axis\""), "\(id): y axis")
            XCTAssertGreaterThanOrEqual(chart.components(separatedBy: "class=\"tick\"").count - 1, 3, "\(id): ticks")
            XCTAssertTrue(chart.contains("class=\"axis-label\""), "\(id): axis title with unit")
            XCTAssertTrue(chart.contains("class=\"legend\""), "\(id): legend")
        }
        let speedup = try XCTUnwrap(dom.range(of: "id=\"speedup\"")).lowerBound
        let tasks = try XCTUnwrap(dom.range(of: "id=\"tasks\"")).lowerBound
        XCTAssertLessThan(speedup, tasks, "the speedup section comes before the charts")
    }

    /// Measured by the browser (a copy of the page with a checking script added: the report itself has none).
    func testTheRenderedChartsKeepEveryLabelInsideAndApartAt1400Pixels() throws {
        let browser = try HeadlessChromium.locate()
        let (html, _) = try page()
        let lines = try layoutProblems(of: html, browser: browser)
        XCTAssertEqual(lines.first, "charts \(HTMLChunks.charts(html).count)")
        XCTAssertEqual(Array(lines.dropFirst()), [])
    }

    /// "charts N" and the problems `layoutCheck` found in `html` rendered at 1400 px.
    func layoutProblems(of html: String, browser: HeadlessChromium) throws -> [String] {
        let checked = directory.appendingPathComponent("checked.html")
        try html.replacingOccurrences(of: "</body>", with: "<script>\(HTMLBrowserTests.layoutCheck)</script>\n</body>")
            .write(to: checked, atomically: true, encoding: .utf8)
        let result = try browser.run(["--dump-dom"], page: checked)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.consoleMessages, [], "the checking script failed")
        let report = try XCTUnwrap(result.standardOutput.components(separatedBy: "<pre id=\"layout-check\">").dropFirst().first?
            .components(separatedBy: "</pre>").first, "the check ran")
        return report.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&").components(separatedBy: "\n").filter { !$0.isEmpty }
    }

    /// The check above must be able to fail: a title moved off the chart and tick labels pushed together are found.
    func testTheLayoutCheckCatchesAClippedTitleAndOverlappingTicks() throws {
        let browser = try HeadlessChromium.locate()
        let (html, _) = try page()
        let broken = html.replacingOccurrences(of: "<text x=\"4.0\" y=\"17.0\" class=\"chart-title\">",
                                               with: "<text x=\"-80.0\" y=\"17.0\" class=\"chart-title\">")
            .replacingOccurrences(of: "text-anchor=\"middle\">1.2</text>", with: "text-anchor=\"start\" dx=\"-56\">1.2</text>")
        let lines = try layoutProblems(of: broken, browser: browser)
        XCTAssertTrue(lines.contains("speedup-chart: 'speedup over eager, 95% CI' is clipped"), "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("speedup-chart: tick labels") && $0.hasSuffix("overlap") }, "\(lines)")
    }

    func testAScreenshotAt1400PixelsIsWritten() throws {
        let browser = try HeadlessChromium.locate()
        let (html, url) = try page()
        let screenshot = directory.appendingPathComponent("report.png")
        let result = try browser.run(["--screenshot=\(screenshot.path)", "--hide-scrollbars"], page: url,
                                     windowSize: "1400,2600")
        XCTAssertEqual(result.status, 0, result.standardError)
        let png = try Data(contentsOf: screenshot)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
        XCTAssertGreaterThan(png.count, 20_000, "more than a blank page")
        if let keep = ProcessInfo.processInfo.environment["DLBENCH_BROWSER_ARTIFACTS"] {
            let target = URL(fileURLWithPath: keep)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target.appendingPathComponent("report.png"))
            try FileManager.default.copyItem(at: screenshot, to: target.appendingPathComponent("report.png"))
            try html.write(to: target.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
        }
    }

    /// Writes "charts N" and one line per layout problem into `<pre id="layout-check">`.
    static let layoutCheck = #"""
        (function () {
          const problems = [];
          const overlap = (a, b) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 &&
                                    a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
          const charts = Array.from(document.querySelectorAll("svg.chart"));
          for (const svg of charts) {
            const id = svg.id, box = svg.getBoundingClientRect();
            if (box.width < 100 || box.height < 60) problems.push(id + ": not laid out (" + box.width + "x" + box.height + ")");
            for (const text of svg.querySelectorAll("text")) {
              const b = text.getBoundingClientRect();
              if (b.left < box.left - 1 || b.top < box.top - 1 || b.right > box.right + 1 || b.bottom > box.bottom + 1)
                problems.push(id + ": '" + text.textContent + "' is clipped");
            }
            const ticks = Array.from(svg.querySelectorAll(".x-axis .tick text")).map(t => t.getBBox());
            for (let i = 1; i < ticks.length; i++)
              if (overlap(ticks[i - 1], ticks[i])) problems.push(id + ": tick labels " + i + " and " + (i + 1) + " overlap");
            const yAxis = svg.querySelector(".y-axis line"), xAxis = svg.querySelector(".x-axis line.domain");
            const plotLeft = yAxis.x1.baseVal.value, plotRight = xAxis.x2.baseVal.value;
            for (const label of svg.querySelectorAll(".bar text.tick-label")) {
              const b = label.getBBox();
              if (b.x + b.width > plotLeft + 1) problems.push(id + ": label '" + label.textContent + "' runs into the plot");
            }
            for (const value of svg.querySelectorAll(".bar text.value")) {
              if (value.getBBox().x < plotRight - 1) problems.push(id + ": value '" + value.textContent + "' runs into the plot");
            }
            const items = Array.from(svg.querySelectorAll(".legend-item")).map(item => item.getBoundingClientRect());
            for (let i = 0; i < items.length; i++)
              for (let j = i + 1; j < items.length; j++)
                if (overlap(items[i], items[j])) problems.push(id + ": legend items " + (i + 1) + " and " + (j + 1) + " overlap");
            const axisLabel = svg.querySelector(".axis-label").getBoundingClientRect();
            if (items.length && items[0].top < axisLabel.bottom - 0.5) problems.push(id + ": the legend covers the axis title");
          }
          const speedup = document.getElementById("speedup"), tasks = document.getElementById("tasks");
          if (!speedup || !tasks || speedup.getBoundingClientRect().top >= tasks.getBoundingClientRect().top)
            problems.push("the speedup section is not above the task charts");
          if (document.documentElement.scrollWidth > window.innerWidth)
            problems.push("the page scrolls sideways at " + window.innerWidth + " px: " + document.documentElement.scrollWidth);
          const out = document.createElement("pre");
          out.id = "layout-check";
          out.textContent = ["charts " + charts.length].concat(problems).join("\n") + "\n";
          document.body.appendChild(out);
        })();
        """#
}
