import XCTest
@testable import Measurement

/// Noise warnings fire on the documented conditions; the timing path's overhead and the peak-RSS reader work.
final class NoiseAndOverheadTests: XCTestCase {
    func testHighLoadWarnsAndIdleMachineDoesNot() {
        XCTAssertEqual(NoiseCheck.load(average: 3.0, logicalCores: 4)?.kind, .highLoad)
        XCTAssertNil(NoiseCheck.load(average: 0.5, logicalCores: 4))
        XCTAssertNil(NoiseCheck.load(average: nil, logicalCores: 4))
    }

    func testOnlyThePerformanceGovernorIsQuiet() {
        XCTAssertEqual(NoiseCheck.governor("powersave")?.kind, .frequencyScaling)
        XCTAssertNil(NoiseCheck.governor("performance"))
        XCTAssertNil(NoiseCheck.governor(nil), "no cpufreq (VMs, containers): nothing to say")
    }

    func testVariationAboveThresholdWarnsOncePerCaseNamingEachNoisyMetric() throws {
        let warning = try XCTUnwrap(NoiseCheck.variation(
            label: "train · eager", coefficientsOfVariation: [("step_time", 0.2), ("epoch_time", 0.05), ("latency", 0.3)],
            threshold: 0.1))
        XCTAssertEqual(warning.kind, .highVariation)
        XCTAssertEqual(warning.message,
                       "train · eager: CV above 10.0% (step_time 20.0%, latency 30.0%); add trials or quiet the machine")
        XCTAssertNil(NoiseCheck.variation(label: "c", coefficientsOfVariation: [("step_time", 0.05)], threshold: 0.1))
    }

    func testTrialsThatRanAtDifferentSpeedsWarnAndCloseTrialsDoNot() throws {
        let warning = try XCTUnwrap(NoiseCheck.trialSpread(label: "w4 · fused", metric: "step_time", unit: "ms",
                                                           trialMedians: [16.96, 24.21, 28.85]))
        XCTAssertEqual(warning.kind, .trialSpread)
        XCTAssertTrue(warning.message.hasPrefix("w4 · fused: step_time trial medians range 16.96–28.85 ms (1.70x)"),
                      warning.message)
        XCTAssertNil(NoiseCheck.trialSpread(label: "c", metric: "step_time", unit: "ms", trialMedians: [17, 17.8, 18.4]))
        XCTAssertNil(NoiseCheck.trialSpread(label: "c", metric: "step_time", unit: "ms", trialMedians: [17]),
                     "one trial has nothing to disagree with")
    }

    func testOverheadWarnsAboveOnePercentOfTheSmallestStep() {
        XCTAssertNotNil(NoiseCheck.overhead(nanoseconds: 50, smallestStepNanoseconds: 4000))
        XCTAssertNil(NoiseCheck.overhead(nanoseconds: 30, smallestStepNanoseconds: 4000))
    }

    /// A debug build is far slower than the release figure reported in docs; this only bounds gross regressions.
    func testEmptyTimedStepCostsUnderOneMicrosecond() {
        let overhead = HarnessOverhead.measure(repetitions: 5000)
        XCTAssertGreaterThan(overhead.median, 0)
        XCTAssertLessThan(overhead.median, 1000, "median overhead \(overhead.median) ns")
    }

    func testPeakResidentBytesParsesVmHWM() {
        XCTAssertEqual(ProcessMemory.parseKilobytes(field: "VmHWM", in: "VmPeak:\t  2000 kB\nVmHWM:\t  1234 kB\n"), 1234)
        #if os(Linux)
        XCTAssertGreaterThan(ProcessMemory.peakResidentBytes() ?? 0, 1_000_000)
        #endif
    }

    func testGovernorReaderTrimsAndToleratesAbsence() throws {
        let path = NSTemporaryDirectory() + "governor-\(UUID().uuidString)"
        try "powersave\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(EnvironmentFingerprint.readScalingGovernor(path: path), "powersave")
        XCTAssertNil(EnvironmentFingerprint.readScalingGovernor(path: path + "-missing"))
    }

    func testGovernorJoinsTheIdentityOnlyWhenKnown() {
        var fingerprint = EnvironmentFingerprintTests.sample()
        let without = fingerprint.identityHash
        fingerprint.scalingGovernor = "performance"
        XCTAssertNotEqual(fingerprint.identityHash, without)
        XCTAssertTrue(fingerprint.identityText.contains("scaling_governor=performance"))
    }
}
