import OpenCLRuntime
import XCTest

final class DeviceSelectionTests: XCTestCase {
    func testRequestedDeviceKindIsSelectedWithADescription() throws {
        let device = try OpenCLTestSupport.context().device
        if OpenCLTestSupport.request.kind != .any { XCTAssertEqual(device.info.isGPU, OpenCLTestSupport.request.kind == .gpu) }
        XCTAssertGreaterThan(device.info.computeUnits, 0)
        XCTAssertGreaterThan(device.info.globalMemoryBytes, 0)
        XCTAssertGreaterThan(device.info.maxWorkGroupSize, 0)
        XCTAssertTrue(device.description.contains(device.info.deviceName), device.description)
        XCTAssertTrue(device.description.contains(device.info.driverVersion), device.description)
    }

    func testGPURequestWithoutAGPUThrowsTypedUnavailableError() throws {
        let devices = (try? OpenCLDeviceSelector.allDevices()) ?? []
        try XCTSkipIf(devices.contains { $0.info.isGPU }, "this machine has an OpenCL GPU")
        XCTAssertThrowsError(try OpenCLDeviceSelector.select(OpenCLDeviceRequest(kind: .gpu))) { error in
            guard let openCLError = error as? OpenCLError else { return XCTFail("untyped error \(error)") }
            XCTAssertTrue(openCLError.isDeviceUnavailable)
            // With platforms present the message lists them; with none at all it says so.
            let expectedPrefix = devices.isEmpty ? "no OpenCL platform" : "no OpenCL GPU device (platforms: "
            XCTAssertTrue("\(openCLError)".hasPrefix(expectedPrefix), "\(openCLError)")
        }
    }

    func testNonMatchingNameFilterNamesTheFilterAndTheAvailableDevices() throws {
        let context = try OpenCLTestSupport.context()
        let request = OpenCLDeviceRequest(kind: .any, nameFilter: "no-such-device-xyz")
        XCTAssertThrowsError(try OpenCLDeviceSelector.select(request)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("\"no-such-device-xyz\""), message)
            XCTAssertTrue(message.contains(context.device.info.deviceName), message)
        }
    }

    func testMatchingNameFilterIsCaseInsensitive() throws {
        let device = try OpenCLTestSupport.context().device
        let filter = String(device.info.platformName.prefix(8)).uppercased()
        let request = OpenCLDeviceRequest(kind: device.info.isGPU ? .gpu : .cpu, nameFilter: filter)
        XCTAssertEqual(try OpenCLDeviceSelector.select(request).info.platformName, device.info.platformName)
    }
}
