import OpenCLRuntime
import XCTest
import _TestSupport

final class RuntimeAccountingTests: XCTestCase {
    func testDeviceByteCountersTrackLiveAndPeakBytesExactly() throws {
        let context = try OpenCLTestSupport.freshContext()
        XCTAssertEqual(context.memoryCounters, DeviceMemoryCounters())
        var first: DeviceBuffer? = try context.makeBuffer(count: 100)
        let second = try context.makeBuffer(values: [1, 2, 3])
        XCTAssertEqual(context.memoryCounters.liveBytes, 412)
        XCTAssertEqual(context.memoryCounters.liveBuffers, 2)
        XCTAssertEqual(context.memoryCounters.uploadedBytes, 12)
        first = nil
        XCTAssertNil(first)
        XCTAssertEqual(context.memoryCounters.liveBytes, 12)
        XCTAssertEqual(context.memoryCounters.peakLiveBytes, 412)
        XCTAssertEqual(context.memoryCounters.allocations, 2)
        XCTAssertEqual(try second.download(), [1, 2, 3])
        XCTAssertEqual(context.memoryCounters.downloadedBytes, 12)
        context.resetPeak()
        XCTAssertEqual(context.memoryCounters.peakLiveBytes, 12)
    }

    func testSecondBuildOfTheSameSourceIsACacheHit() throws {
        let context = try OpenCLTestSupport.freshContext()
        let source = "__kernel void cache_probe_\(UInt32.random(in: 0...UInt32.max))(__global float* x) { x[0] = 1.0f; }"
        _ = try context.program(source: source, label: "probe")
        _ = try context.program(source: source, label: "probe")
        let statistics = context.buildStatistics
        XCTAssertEqual(statistics.records.map(\.cacheHit), [false, true])
        XCTAssertGreaterThan(statistics.records[0].buildSeconds, 0)
        XCTAssertEqual(statistics.records[1].buildSeconds, 0)
        XCTAssertEqual(statistics.programsBuilt, 1)
        XCTAssertEqual(statistics.cacheHits, 1)
    }

    func testBuildFailureReportsTheCompilerLog() throws {
        let context = try OpenCLTestSupport.context()
        let source = "__kernel void broken(__global float* x) { x[0] = undeclared_name; }"
        XCTAssertThrowsError(try context.program(source: source, label: "broken")) { error in
            guard case let .buildFailed(program, code, log)? = error as? OpenCLError else { return XCTFail("\(error)") }
            XCTAssertEqual(program, "broken")
            XCTAssertEqual(code, "CL_BUILD_PROGRAM_FAILURE")
            XCTAssertTrue(log.contains("undeclared_name"), log)
        }
    }

    func testProfilingReportsOneTimingPerKernelLaunch() throws {
        let context = try OpenCLTestSupport.freshContext(profiling: true)
        let kernel = try ElementwiseKernel(context: context, outputs: [.input(0).map(.exp)], inputShapes: [[1000]],
                                           outputShape: [1000])
        let input = try context.makeBuffer(values: [Float](repeating: 0, count: 1000))
        let output = try context.makeBuffer(count: 1000)
        try kernel.encode(inputs: [input], outputs: [output])
        try kernel.encode(inputs: [input], outputs: [output])
        let timings = try context.kernelTimings()
        XCTAssertEqual(timings.map(\.kernelName), ["fused_elementwise", "fused_elementwise"])
        XCTAssertTrue(timings.allSatisfy { $0.seconds >= 0 && $0.seconds < 10 }, "\(timings)")
        XCTAssertEqual(try context.kernelTimings(), [])
        assertAllClose(try output.download(), [Float](repeating: 1, count: 1000))
    }

    func testOversizedUploadIsRejectedWithTheSizes() throws {
        let context = try OpenCLTestSupport.context()
        let buffer = try context.makeBuffer(count: 2)
        XCTAssertThrowsError(try buffer.upload([1, 2, 3])) { XCTAssertTrue("\($0)".contains("3 values into a buffer of 2"), "\($0)") }
    }
}
