import Foundation
import Measurement
import TrialExecution
import XCTest

/// The worker protocol's wire form, tested without a store: a worker never opens the database.
final class WorkerMessageTests: XCTestCase {
    func testKernelProfileRoundTripsOnOneLineAndIsOptional() throws {
        var message = WorkerMessage(type: "samples")
        message.samples = [MetricSample(metric: "step_time", unit: "ms", value: 0.5)]
        message.kernelProfile = [KernelTime(kernel: "matmul → [2×5]", launchesPerStep: 2, nanosecondsPerStep: 1250.5)]
        let line = try message.encodedLine()
        XCTAssertEqual(line.filter { $0 == 0x0A }.count, 1, "one JSON line")
        XCTAssertTrue(String(decoding: line, as: UTF8.self).contains(
            #""kernelProfile":[{"kernel":"matmul → [2×5]","launchesPerStep":2,"nanosecondsPerStep":1250.5}]"#))
        XCTAssertEqual(try WorkerMessage.decode(line: line.dropLast()), message)

        let old = try WorkerMessage.decode(line: Data(#"{"type":"samples","samples":[]}"#.utf8))
        XCTAssertNil(old.kernelProfile, "a version-1 worker without the field is still understood")
    }

    func testNonFiniteSampleValuesTravelAsStrings() throws {
        var message = WorkerMessage(type: "samples")
        message.samples = [MetricSample(metric: "loss", unit: "", value: .nan),
                           MetricSample(metric: "loss", unit: "", value: -.infinity)]
        let line = String(decoding: try message.encodedLine(), as: UTF8.self)
        XCTAssertTrue(line.contains(#""value":"NaN""#), line)
        XCTAssertTrue(line.contains(#""value":"-Infinity""#), line)
        let decoded = try WorkerMessage.decode(line: Data(line.utf8.dropLast()))
        XCTAssertEqual(decoded.samples?.count, 2)
        XCTAssertTrue(decoded.samples?[0].value.isNaN ?? false)
        XCTAssertEqual(decoded.samples?[1].value, -.infinity)
    }
}
