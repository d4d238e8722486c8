import Measurement
@testable import Runner
import XCTest

/// The fingerprint's library facts come from Runner, which links OpenBLAS and OpenCL (Measurement links neither).
final class FingerprintLibrariesTests: XCTestCase {
    func testOpenBLASAndOpenCLAreReadWithoutEverFailing() {
        let fingerprint = EnvironmentFingerprint.collect(threads: 2)
        XCTAssertEqual(fingerprint.threads, 2)
        XCTAssertFalse(fingerprint.openBLASConfig.isEmpty)
        XCTAssertNotEqual(fingerprint.openBLASConfig, "unknown")
        XCTAssertTrue(fingerprint.openCLDevices.allSatisfy { $0.components(separatedBy: " / ").count >= 3 },
                      "\(fingerprint.openCLDevices)")
    }
}
