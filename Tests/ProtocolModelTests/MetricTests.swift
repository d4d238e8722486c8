import XCTest
@testable import ProtocolModel

final class MetricTests: XCTestCase {
    func testRawValuesAreTheStoredNames() {
        XCTAssertEqual(Metric.allCases.map(\.rawValue),
                       ["step_time", "samples_per_second", "final_loss", "test_accuracy", "latency", "peak_live_bytes"])
    }

    func testUnitsAndPolarities() {
        XCTAssertEqual(Metric.allCases.map(\.unit), ["ms", "samples/s", "loss", "fraction", "ms", "bytes"])
        XCTAssertEqual(Metric.samplesPerSecond.polarity, .higherIsBetter)
        XCTAssertEqual(Metric.testAccuracy.polarity, .higherIsBetter)
        XCTAssertEqual(Metric.latency.polarity, .lowerIsBetter)
    }

    func testWhichTaskKindsProduceEachMetric() {
        XCTAssertEqual(Metric.allCases.filter { $0.applies(to: .train) },
                       [.stepTime, .samplesPerSecond, .finalLoss, .testAccuracy, .peakLiveBytes])
        XCTAssertEqual(Metric.allCases.filter { $0.applies(to: .infer) }, [.samplesPerSecond, .latency, .peakLiveBytes])
    }

    func testOnlyEagerIsAvailableInThisVersion() {
        XCTAssertEqual(EngineKind.available, [.eager])
    }
}
