import XCTest
@testable import ProtocolModel

final class MetricTests: XCTestCase {
    func testRawValuesAreTheStoredNames() {
        XCTAssertEqual(Metric.allCases.map(\.rawValue), [
            "step_time", "samples_per_second", "final_loss", "test_accuracy", "latency", "peak_live_bytes",
            "time_to_first_step", "epoch_time", "time_to_target", "target_reached", "evaluation_time",
            "latency_p90", "latency_p99", "latency_bound_met", "max_rate_within_bound", "peak_rss_bytes",
            "allocations_per_step", "system_allocations_per_step", "data_load_time", "deviation_from_eager", "cosine_to_eager", "capture_time",
            "arena_bytes",
            "unplanned_intermediate_bytes", "kernels_per_step", "kernel_bytes_per_step", "device_peak_bytes",
            "host_fallback_kernels", "upload_time", "program_build_time", "interpreted_kernels_per_step",
        ])
    }

    func testUnitsAndPolarities() {
        XCTAssertEqual(Metric.allCases.map(\.unit), [
            "ms", "samples/s", "loss", "fraction", "ms", "bytes", "ms", "s", "s", "fraction", "s", "ms", "ms",
            "fraction", "queries/s", "bytes", "allocations", "allocations", "ms", "relative", "cosine", "ms", "bytes", "bytes", "kernels", "bytes",
            "bytes", "kernels", "ms", "ms", "kernels",
        ])
        XCTAssertEqual(Metric.deviationFromEager.polarity, .lowerIsBetter)
        XCTAssertEqual(Metric.cosineToEager.polarity, .higherIsBetter)
        XCTAssertEqual(Metric.cosineToEager.validRange, -1...1)
        XCTAssertEqual(Metric.timeToTarget.polarity, .lowerIsBetter)
        XCTAssertEqual(Metric.targetReached.polarity, .higherIsBetter)
        XCTAssertEqual(Metric.maxRateWithinBound.polarity, .higherIsBetter)
        XCTAssertEqual(Metric.samplesPerSecond.polarity, .higherIsBetter)
        XCTAssertEqual(Metric.testAccuracy.polarity, .higherIsBetter)
        XCTAssertEqual(Metric.latency.polarity, .lowerIsBetter)
    }

    func testWhichTaskKindsProduceEachMetric() {
        XCTAssertEqual(Metric.allCases.filter { $0.applies(to: .train) }, [
            .stepTime, .samplesPerSecond, .finalLoss, .testAccuracy, .peakLiveBytes, .timeToFirstStep, .epochTime,
            .timeToTarget, .targetReached, .evaluationTime, .peakRSSBytes, .allocationsPerStep, .systemAllocationsPerStep, .dataLoadTime,
            .deviationFromEager, .captureTime, .arenaBytes, .unplannedIntermediateBytes, .kernelsPerStep,
            .kernelBytesPerStep, .devicePeakBytes, .hostFallbackKernels, .uploadTime, .programBuildTime,
            .interpretedKernelsPerStep,
        ])
        XCTAssertEqual(Metric.allCases.filter { $0.applies(to: .infer) }, [
            .samplesPerSecond, .latency, .peakLiveBytes, .latencyP90, .latencyP99, .latencyBoundMet,
            .maxRateWithinBound, .peakRSSBytes, .allocationsPerStep, .systemAllocationsPerStep, .dataLoadTime,
            .deviationFromEager, .cosineToEager, .captureTime, .arenaBytes,
            .unplannedIntermediateBytes, .kernelsPerStep, .kernelBytesPerStep, .devicePeakBytes, .hostFallbackKernels,
            .uploadTime, .programBuildTime, .interpretedKernelsPerStep,
        ])
    }

    func testEveryEngineKindIsAvailableInThisVersion() {
        XCTAssertEqual(EngineKind.available, Set(EngineKind.allCases), "nothing is unavailable: opencl decides per case whether its device exists")
    }
}
