import Foundation
import XCTest
import Measurement
import ResultStore
@testable import Reports

/// `dlbench report --kernels`: profiled cases only, kernels slowest first with their share of the profiled total,
/// that total against the case's median step time, in every supported layout (goldens under Golden/).
final class KernelBreakdownTests: XCTestCase {
    private func goldenBreakdown(filter: ReportFilter = ReportFilter()) throws -> KernelBreakdown {
        let store = try ResultStore.inMemory()
        let run = try GoldenDatabase.make(in: store)
        return try KernelBreakdown.load(from: store, runIDs: [run], filter: filter)
    }

    func testTableMatchesItsGoldenFile() throws {
        try assertMatchesGolden(KernelBreakdownReport.table(try goldenBreakdown(), colour: false), "kernels.txt")
    }

    func testCSVMatchesItsGoldenFileAndParsesBackOneRecordPerKernel() throws {
        let breakdown = try goldenBreakdown()
        let csv = KernelBreakdownReport.csv(breakdown)
        try assertMatchesGolden(csv, "kernels.csv")
        let records = parseCSV(csv)
        XCTAssertEqual(records.first, KernelBreakdownReport.csvHeader)
        XCTAssertEqual(records.count - 1, breakdown.cases.reduce(0) { $0 + $1.kernels.count })
        XCTAssertTrue(records.contains { $0.count > 7 && $0[7] == #"fused-elementwise("sgd", momentum) → [16]"# },
                      "a kernel name with a comma and quotes survives the round trip")
    }

    func testJSONMatchesItsGoldenFileAndParses() throws {
        let json = KernelBreakdownReport.json(try goldenBreakdown())
        try assertMatchesGolden(json, "kernels.json")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["schema"] as? String, KernelBreakdownReport.schemaIdentifier)
        XCTAssertEqual((object["cases"] as? [Any])?.count, 2)
    }

    func testMarkdownMatchesItsGoldenFile() throws {
        try assertMatchesGolden(KernelBreakdownReport.markdown(try goldenBreakdown()), "kernels.md")
    }

    func testOnlyProfiledCasesAppearWithKernelsSlowestFirstAndSharesAddingUpToAHundred() throws {
        let breakdown = try goldenBreakdown()
        XCTAssertEqual(breakdown.cases.map { "\($0.task)/\($0.engine)" }, ["train/fused", "infer/fused"],
                       "eager was not profiled and the failed opencl case has no trials")
        for item in breakdown.cases {
            let times = item.kernels.map(\.nanosecondsPerStep)
            XCTAssertEqual(times, times.sorted(by: >), "\(item.task): slowest first")
            XCTAssertEqual(item.kernels.reduce(0) { $0 + $1.sharePercent }, 100, accuracy: 1e-9)
        }
        let train = breakdown.cases[0]
        XCTAssertEqual(train.kernels.first?.kernel, "matmul(tA: true, tB: false) → [32×16]")
        XCTAssertEqual(train.kernels[1].nanosecondsPerStep, 544_000, "median over the 3 trials (512, 544, 576 µs)")
        XCTAssertEqual(train.profiledNanosecondsPerStep, 1_568_750)
        XCTAssertEqual(train.medianStepNanoseconds, 1_687_500, "median step_time 1.6875 ms")
        XCTAssertEqual(train.profiledPercentOfStep ?? 0, 100 * 1_568_750 / 1_687_500, accuracy: 1e-9)
        XCTAssertEqual(breakdown.cases[1].referenceMetric, "latency", "single-stream inference: a query's latency")
    }

    func testFiltersNarrowTheCasesAndARunWithoutProfiledCasesSaysSoInOneLine() throws {
        XCTAssertEqual(try goldenBreakdown(filter: ReportFilter(tasks: ["infer"])).cases.map(\.task), ["infer"])
        let unprofiled = try goldenBreakdown(filter: ReportFilter(engines: ["eager"]))
        XCTAssertTrue(unprofiled.cases.isEmpty)
        XCTAssertFalse(unprofiled.emptyMessage.contains("\n"))
        XCTAssertTrue(unprofiled.emptyMessage.hasPrefix("no profiled cases in run 1"), unprofiled.emptyMessage)
        XCTAssertEqual(KernelBreakdownReport.table(unprofiled, colour: false), "", "nothing to tabulate")
    }

    func testOfflineAndServerInferenceHaveNoPerQueryReferenceTime() throws {
        let store = try ResultStore.inMemory()
        let run = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "{}",
                                     startedAt: GoldenDatabase.startedAt, dlbenchCommit: nil)
        let machine = try store.recordMachine(runID: run, name: "cpu-1", fingerprint: ReportFixtures.fingerprint())
        let offline = try store.addCase(NewCase(runID: run, machineID: machine, task: "bulk", taskKind: "infer", engine: "fused",
                                                engineKind: "fused", model: "mlp", dataset: "d", batchSize: 64,
                                                configJSON: #"{"scenario":"offline"}"#))
        try store.recordTrial(caseID: offline, index: 0, startedAt: GoldenDatabase.startedAt, endedAt: GoldenDatabase.startedAt,
                              samples: [MetricSample(metric: "samples_per_second", unit: "samples/s", value: 1000)],
                              kernelTimes: GoldenDatabase.inferKernels)
        let item = try XCTUnwrap(try KernelBreakdown.load(from: store, runIDs: [run]).cases.first)
        XCTAssertNil(item.referenceMetric)
        XCTAssertTrue(KernelBreakdownReport.totals(item).hasSuffix("(no per-query time in this scenario)"),
                      KernelBreakdownReport.totals(item))
    }
}
