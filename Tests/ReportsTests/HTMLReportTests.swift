import XCTest
@testable import Reports

final class HTMLReportTests: XCTestCase {
    func testThePageIsWellFormedAndSelfContained() throws {
        let selection = try GoldenDatabase.selection()
        let html = HTMLReport.render(rows: selection.rows, runs: selection.runs)
        XCTAssertEqual(try TagBalance.check(html), [])
        XCTAssertEqual(HTMLChunks.charts(html).count, 4, "speedup; train: step time, memory; infer: latency")
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<link"))
        XCTAssertFalse(html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http"),
                       "nothing is loaded from the network")
    }

    func testTheSpeedupSectionComesBeforeTheChartsAndTheTable() throws {
        let html = HTMLReport.render(rows: HTMLFixtures.rows(), runs: [HTMLFixtures.run])
        let speedup = try XCTUnwrap(html.range(of: "<section id=\"speedup\">")).lowerBound
        let tasks = try XCTUnwrap(html.range(of: "<section id=\"tasks\">")).lowerBound
        let results = try XCTUnwrap(html.range(of: "<section id=\"results\">")).lowerBound
        XCTAssertLessThan(speedup, tasks)
        XCTAssertLessThan(tasks, results)
        XCTAssertEqual(HTMLChunks.charts(html).first?.contains("id=\"speedup-chart\""), true)
    }

    func testEveryChartHasAxesWithTicksAUnitAndALegend() {
        let html = HTMLReport.render(rows: HTMLFixtures.rows(), runs: [HTMLFixtures.run])
        let charts = HTMLChunks.charts(html)
        XCTAssertEqual(charts.count, 1 + 3 + 3 + 1, "speedup; per training task 3 metrics; latency")
        for chart in charts {
            XCTAssertTrue(chart.contains("<g class=\"axis x-axis\">"))
            XCTAssertTrue(chart.contains("<g class=\"axis y-axis\">"))
            XCTAssertGreaterThanOrEqual(chart.components(separatedBy: "<g class=\"tick\">").count - 1, 3)
            XCTAssertTrue(chart.contains("class=\"axis-label\""))
            XCTAssertTrue(chart.contains("<g class=\"legend\">"))
            XCTAssertTrue(chart.contains("<title id="))
            XCTAssertTrue(chart.contains("<desc id="))
        }
    }

    func testEachTaskHasItsOwnScaleAndUnit() {
        let html = HTMLReport.render(rows: HTMLFixtures.rows(), runs: [HTMLFixtures.run])
        let steps = HTMLChunks.charts(html).filter { $0.contains("id=\"chart-") && $0.contains("-step-time\"") }
        XCTAssertEqual(steps.count, 2)
        XCTAssertTrue(steps[0].contains(">step time (µs)</text>"), "train-small: about 100 µs")
        XCTAssertTrue(steps[1].contains(">step time (ms)</text>"), "train-wide: about 2 ms")
        XCTAssertTrue(html.contains(">latency (µs)</text>"))
        XCTAssertTrue(html.contains(">peak RSS (MiB)</text>"))
    }

    func testColourMeansTheEngineOnEveryChart() {
        let rows = HTMLFixtures.rows()
        let html = HTMLReport.render(rows: rows, runs: [HTMLFixtures.run])
        let palette = EnginePalette(engines: rows.map(\.engine))
        let bars = html.components(separatedBy: "<g class=\"bar\" data-engine=\"").dropFirst()
        XCTAssertGreaterThan(bars.count, 20)
        for bar in bars {
            let engine = String(bar.prefix { $0 != "\"" })
            let body = bar.components(separatedBy: "</g>")[0]
            for fill in body.components(separatedBy: "fill=\"").dropFirst().map({ String($0.prefix(7)) }) {
                XCTAssertEqual(fill, palette.colour(for: engine), "\(engine) drawn in another colour")
            }
        }
    }

    func testTheMachineIsNamedOnceNotOnEveryBar() {
        let html = HTMLReport.render(rows: HTMLFixtures.rows(), runs: [HTMLFixtures.run])
        XCTAssertTrue(html.contains("Every case ran on machine <b>cpu-1-thread</b>"))
        XCTAssertFalse(HTMLChunks.charts(html).contains { $0.contains("cpu-1-thread") })
        XCTAssertFalse(html.contains("<th>machine</th>"))
        let twoMachines = HTMLFixtures.rows() + HTMLFixtures.rows(machine: "cpu-4-threads")
        let both = HTMLReport.render(rows: twoMachines, runs: [HTMLFixtures.run])
        XCTAssertTrue(both.contains("<th>machine</th>"))
        XCTAssertTrue(both.contains("<h3>train-small · cpu-4-threads · batch 64</h3>"))
    }

    func testTheTablesCarryTheTrialLevelCIAndTrialsTimesSamples() {
        let html = HTMLReport.render(rows: HTMLFixtures.rows(), runs: [HTMLFixtures.run])
        XCTAssertTrue(html.contains("<th>trial median</th><th>95% CI</th><th>p10–p90</th><th>trials×n</th>"))
        XCTAssertTrue(html.contains("<th>speedup</th><th>95% CI</th><th>verdict</th><th>trials×n</th>"))
        XCTAssertTrue(html.contains("<td class=\"number\">5×3</td>"), "5 trials of 3 steps")
        XCTAssertTrue(html.contains("failed: no OpenCL device &lt;found&gt;"))
    }

    func testTheBaselineIsEagerUnlessTheProtocolOrTheCommandNamesAnother() {
        let rows = HTMLFixtures.rows()
        XCTAssertTrue(HTMLReport.render(rows: rows, runs: []).contains("<h2>Speedup over <b>eager</b></h2>"))
        let pivot = PivotTable(rows: rows, baselineEngine: "traced")
        XCTAssertTrue(HTMLReport.render(rows: rows, runs: [], pivot: pivot).contains("<h2>Speedup over <b>traced</b></h2>"))
        let facts: [Int64: ProtocolFacts] = [1: ProtocolFacts(baselineEngine: "fused")]
        XCTAssertTrue(HTMLReport.render(rows: rows, runs: [], facts: facts).contains("<h2>Speedup over <b>fused</b></h2>"))
        XCTAssertEqual(HTMLReport.baselineOverride(rows: rows, facts: [:], requested: nil), "eager")
        XCTAssertNil(HTMLReport.baselineOverride(rows: rows.filter { $0.engine != "eager" }, facts: [:], requested: nil),
                     "without eager: each task's first engine")
    }

    func testOneEngineLeavesNothingToCompare() {
        let html = HTMLReport.render(rows: HTMLFixtures.rows().filter { $0.engine == "eager" }, runs: [])
        XCTAssertTrue(html.contains("nothing to compare"))
        XCTAssertFalse(html.contains("id=\"speedup-chart\""))
        XCTAssertEqual(try TagBalance.check(html), [])
    }

    func testTheTagBalanceCheckerCatchesAnUnclosedElement() throws {
        XCTAssertEqual(try TagBalance.check("<html><body><p>text</body></html>").first, "</body> closes <p>")
        XCTAssertEqual(try TagBalance.check("<div><br><img src=\"x\"/></div>"), [])
    }

    func testNamesAreEscaped() {
        XCTAssertEqual(HTMLReport.escape("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;")
    }
}

/// The `<svg …>…</svg>` elements of a page, in order.
enum HTMLChunks {
    static func charts(_ html: String) -> [String] {
        html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
    }
}

/// A tiny well-formedness check: every start tag is closed in order, void elements and `/>` excepted,
/// comments and the doctype skipped. Returns one message per problem.
enum TagBalance {
    static let voidElements: Set<String> = ["meta", "br", "img", "hr", "input", "link", "col", "area", "base", "wbr"]

    static func check(_ html: String) throws -> [String] {
        var problems: [String] = []
        var open: [String] = []
        var rest = html[...]
        while let start = rest.firstIndex(of: "<") {
            guard let end = rest[start...].firstIndex(of: ">") else {
                problems.append("unterminated tag")
                break
            }
            let tag = rest[rest.index(after: start)..<end]
            rest = rest[rest.index(after: end)...]
            if tag.hasPrefix("!") { continue }
            let isClosing = tag.hasPrefix("/")
            let name = String((isClosing ? tag.dropFirst() : tag).prefix { $0.isLetter || $0.isNumber }).lowercased()
            if isClosing {
                guard let last = open.popLast() else {
                    problems.append("</\(name)> without a start tag")
                    continue
                }
                if last != name { problems.append("</\(name)> closes <\(last)>") }
            } else if !tag.hasSuffix("/") && !voidElements.contains(name) {
                open.append(name)
            }
        }
        problems += open.map { "<\($0)> never closed" }
        return problems
    }
}
