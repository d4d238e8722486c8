import XCTest
import Measurement
import ResultStore
@testable import Reports

/// Warnings grouped by kind: each kind once with its meaning and hint, each case once with its own figures.
final class WarningDigestTests: XCTestCase {
    static let labels: [Int64: String] = [
        1: "train · eager · cpu · batch 64", 2: "train · fused · cpu · batch 64", 3: "infer · eager · cpu · batch 1",
    ]

    static func spread(_ caseID: Int64, _ slowest: Double) -> StoredWarning {
        let warning = NoiseCheck.trialSpread(label: labels[caseID] ?? "", metric: "step_time", unit: "ms",
                                             trialMedians: [1, slowest])
        return StoredWarning(caseID: caseID, kind: "trial-spread", message: warning?.message ?? "")
    }

    static let warnings: [StoredWarning] = [
        StoredWarning(caseID: nil, kind: "high-load",
                      message: NoiseCheck.load(average: 3, logicalCores: 2)?.message ?? ""),
        spread(1, 1.5), spread(2, 1.375), spread(3, 2),
        StoredWarning(caseID: 2, kind: "high-variation", message: NoiseCheck.variation(
            label: labels[2] ?? "", coefficientsOfVariation: [("step_time", 0.2)], threshold: 0.1)?.message ?? ""),
        spread(1, 1.5),
    ]

    func testEachKindOnceWithItsCasesAndTheirOwnFigures() throws {
        let digest = WarningDigest(warnings: Self.warnings, caseLabels: Self.labels)
        XCTAssertEqual(digest.groups.map(\.kind), ["high-load", "trial-spread", "high-variation"])
        XCTAssertEqual(digest.total, 6)
        let spread = digest.groups[1]
        XCTAssertEqual(spread.count, 4)
        XCTAssertEqual(spread.cases.map(\.label), [Self.labels[1], Self.labels[2], Self.labels[3]])
        XCTAssertEqual(spread.cases[0].details, ["step_time trial medians range 1–1.5 ms (1.50x)"],
                       "label, meaning and hint split off; the repeated message kept once")
        XCTAssertEqual(spread.hint, NoiseWarning.Kind.trialSpread.hint)
        XCTAssertEqual(digest.groups[0].general, ["load average 3.00 on 2 cores at start"])
    }

    func testTheGroupedFormPrintsEachHintOnce() {
        let text = WarningDigest(warnings: Self.warnings, caseLabels: Self.labels).rendered(colour: false)
        XCTAssertEqual(text.components(separatedBy: "compare on 1 thread").count - 1, 1, text)
        XCTAssertEqual(text.components(separatedBy: "vCPU migration").count - 1, 1, text)
        XCTAssertTrue(text.contains("trial-spread · 3 cases: some trials ran slower as a whole"), text)
        XCTAssertTrue(text.contains("\n  infer · eager · cpu · batch 1: step_time trial medians range 1–2 ms (2.00x)\n"), text)
        XCTAssertTrue(text.contains("  what to do: add trials or compare on 1 thread"), text)
        XCTAssertFalse(text.contains("\u{1B}["), "no colour unless asked")
        XCTAssertTrue(WarningDigest(warnings: Self.warnings, caseLabels: Self.labels).rendered(colour: true)
            .contains("\u{1B}[33mtrial-spread"))
    }

    func testTheSummaryLineCountsKinds() {
        let digest = WarningDigest(warnings: Self.warnings, caseLabels: Self.labels)
        XCTAssertEqual(digest.summaryLine(detailsCommand: "dlbench report --warnings"),
                       "6 warnings (3 kinds: high-load, trial-spread, high-variation); "
                       + "details: `dlbench report --warnings`")
        XCTAssertEqual(WarningDigest(warnings: [], caseLabels: [:]).summaryLine(detailsCommand: "x"), "no warnings")
    }

    func testAMessageOfAnUnknownShapeIsKeptWhole() {
        let odd = StoredWarning(caseID: 9, kind: "future-kind", message: "something new happened")
        let digest = WarningDigest(warnings: [odd, odd], caseLabels: [:])
        XCTAssertEqual(digest.groups.first?.general, ["something new happened"])
        XCTAssertNil(digest.groups.first?.hint)
        XCTAssertEqual(digest.groups.first?.count, 2)
    }

    func testLoadingFromTheStoreLabelsCasesAsTheRunnerDoes() throws {
        let store = try ResultStore.inMemory()
        let run = try GoldenDatabase.make(in: store)
        let caseID = try XCTUnwrap(try store.caseResults(runID: run).first?.id)
        let label = "train · eager · cpu-1 · batch 64"
        let message = NoiseCheck.trialSpread(label: label, metric: "step_time", unit: "ms", trialMedians: [1, 2])?.message ?? ""
        try store.recordWarning(runID: run, StoredWarning(caseID: caseID, kind: "trial-spread", message: message))
        let digest = try WarningDigest.load(from: store, runIDs: [run])
        XCTAssertEqual(digest.groups.first?.cases.first?.label, label)
        XCTAssertEqual(digest.groups.first?.cases.first?.details, ["step_time trial medians range 1–2 ms (2.00x)"])
    }
}
