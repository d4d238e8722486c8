import COpenCL

/// Picks the device a protocol asks for, in a fixed order (platform order, then device order; `any` prefers a GPU),
/// and reports what exists when nothing matches, so "no GPU here" is a decision the engine can make explicitly.
public enum OpenCLDeviceSelector {
    /// Every device of every platform, in the ICD loader's order.
    public static func allDevices() throws -> [OpenCLDevice] {
        var platformCount: cl_uint = 0
        let countCode = clGetPlatformIDs(0, nil, &platformCount)
        guard countCode == CL_SUCCESS, platformCount > 0 else {
            throw OpenCLError.noPlatform(code: countCode == CL_SUCCESS ? "0 platforms" : OpenCLErrorCode.name(countCode))
        }
        var platforms = [cl_platform_id?](repeating: nil, count: Int(platformCount))
        try check(clGetPlatformIDs(platformCount, &platforms, nil), "clGetPlatformIDs")
        var devices: [OpenCLDevice] = []
        for case let platform? in platforms {
            var deviceCount: cl_uint = 0
            let allTypes = cl_device_type(CL_DEVICE_TYPE_ALL)
            // A platform without devices answers CL_DEVICE_NOT_FOUND: skip it rather than fail the whole listing.
            guard clGetDeviceIDs(platform, allTypes, 0, nil, &deviceCount) == CL_SUCCESS, deviceCount > 0 else { continue }
            var deviceIDs = [cl_device_id?](repeating: nil, count: Int(deviceCount))
            guard clGetDeviceIDs(platform, allTypes, deviceCount, &deviceIDs, nil) == CL_SUCCESS else { continue }
            for case let deviceID? in deviceIDs {
                devices.append(OpenCLDevice(platformID: platform, deviceID: deviceID,
                                            info: OpenCLDeviceDescription(platform: platform, device: deviceID)))
            }
        }
        return devices
    }

    /// The first device satisfying `request`; throws `noPlatform` or `noMatchingDevice` (both `isDeviceUnavailable`).
    public static func select(_ request: OpenCLDeviceRequest) throws -> OpenCLDevice {
        let devices = try allDevices()
        let matching = devices.filter { matches($0, request) }
        let preferred = request.kind == .any ? (matching.first { $0.info.isGPU } ?? matching.first) : matching.first
        guard let chosen = preferred else {
            let available = devices.map { "\($0.info.platformName) / \($0.info.deviceName)" + ($0.info.isGPU ? " (GPU)" : "") }
            throw OpenCLError.noMatchingDevice(request: request, available: available)
        }
        return chosen
    }

    static func matches(_ device: OpenCLDevice, _ request: OpenCLDeviceRequest) -> Bool {
        switch request.kind {
        case .gpu: guard device.info.isGPU else { return false }
        case .cpu: guard isCPU(device) else { return false }
        case .any: break
        }
        guard let filter = request.nameFilter?.lowercased(), !filter.isEmpty else { return true }
        return "\(device.info.platformName) / \(device.info.deviceName)".lowercased().contains(filter)
    }

    static func isCPU(_ device: OpenCLDevice) -> Bool {
        let type: cl_device_type = OpenCLInfo.deviceValue(device.deviceID, CL_DEVICE_TYPE, default: 0)
        return type & cl_device_type(CL_DEVICE_TYPE_CPU) != 0
    }
}
