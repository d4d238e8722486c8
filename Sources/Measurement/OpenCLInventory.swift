import Foundation
import COpenCL

/// Lists OpenCL platforms and devices without ever failing.
///
/// Machines without any OpenCL driver are normal (the ICD loader then reports
/// CL_PLATFORM_NOT_FOUND_KHR); the fingerprint records an empty list instead of crashing.
enum OpenCLInventory {
    /// "platform / device / driver" for every device of every platform.
    static func deviceDescriptions() -> [String] {
        var platformCount: cl_uint = 0
        guard clGetPlatformIDs(0, nil, &platformCount) == CL_SUCCESS, platformCount > 0 else { return [] }
        var platforms = [cl_platform_id?](repeating: nil, count: Int(platformCount))
        guard clGetPlatformIDs(platformCount, &platforms, nil) == CL_SUCCESS else { return [] }

        var descriptions: [String] = []
        for case let platform? in platforms {
            let platformName = platformString(platform, cl_platform_info(CL_PLATFORM_NAME))
            var deviceCount: cl_uint = 0
            let deviceType = cl_device_type(CL_DEVICE_TYPE_ALL)
            guard clGetDeviceIDs(platform, deviceType, 0, nil, &deviceCount) == CL_SUCCESS, deviceCount > 0 else {
                continue
            }
            var devices = [cl_device_id?](repeating: nil, count: Int(deviceCount))
            guard clGetDeviceIDs(platform, deviceType, deviceCount, &devices, nil) == CL_SUCCESS else { continue }
            for case let device? in devices {
                let deviceName = deviceString(device, cl_device_info(CL_DEVICE_NAME))
                let driver = deviceString(device, cl_device_info(CL_DRIVER_VERSION))
                descriptions.append("\(platformName) / \(deviceName) / \(driver)")
            }
        }
        return descriptions
    }

    private static func platformString(_ platform: cl_platform_id, _ parameter: cl_platform_info) -> String {
        var size = 0
        guard clGetPlatformInfo(platform, parameter, 0, nil, &size) == CL_SUCCESS, size > 0 else { return "unknown" }
        var buffer = [CChar](repeating: 0, count: size)
        guard clGetPlatformInfo(platform, parameter, size, &buffer, nil) == CL_SUCCESS else { return "unknown" }
        return decode(buffer)
    }

    private static func deviceString(_ device: cl_device_id, _ parameter: cl_device_info) -> String {
        var size = 0
        guard clGetDeviceInfo(device, parameter, 0, nil, &size) == CL_SUCCESS, size > 0 else { return "unknown" }
        var buffer = [CChar](repeating: 0, count: size)
        guard clGetDeviceInfo(device, parameter, size, &buffer, nil) == CL_SUCCESS else { return "unknown" }
        return decode(buffer)
    }

    private static func decode(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }
}
