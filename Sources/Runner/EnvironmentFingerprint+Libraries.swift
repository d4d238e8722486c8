import CBLAS
import Foundation
import Measurement
import OpenCLRuntime
import TrialExecution

extension EnvironmentFingerprint {
    /// The fingerprint of this machine and process, with OpenBLAS's build and the OpenCL devices read here, where
    /// those libraries are linked anyway, and the workers' thread policy with the CPUs they take theirs from.
    public static func collect(threads: Int) -> EnvironmentFingerprint {
        var fingerprint = collect(threads: threads, libraries: librariesHere())
        fingerprint.threadPolicy = ThreadPolicy.summary
        fingerprint.allowedCPUs = ThreadPolicy.allowedCPUs()
        return fingerprint
    }

    static func librariesHere() -> Libraries {
        Libraries(openBLASConfig: text(openblas_get_config()), openBLASCore: text(openblas_get_corename()),
                  openCLDevices: openCLDeviceDescriptions())
    }

    /// "platform / device / driver" for every OpenCL device, through the same selector the engine uses; empty on a
    /// machine without an OpenCL driver (a normal case, never an error).
    static func openCLDeviceDescriptions() -> [String] {
        let devices = (try? OpenCLDeviceSelector.allDevices()) ?? []
        return devices.map { "\($0.info.platformName) / \($0.info.deviceName) / \($0.info.driverVersion)" }
    }

    private static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "unknown" }
        return String(cString: pointer).trimmingCharacters(in: .whitespaces)
    }
}
