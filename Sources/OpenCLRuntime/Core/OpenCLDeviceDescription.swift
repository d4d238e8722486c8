import COpenCL

/// The chosen platform and device as the environment fingerprint records them: results from different devices or
/// drivers must never be pooled silently.
public struct OpenCLDeviceDescription: Hashable, Sendable, CustomStringConvertible {
    public let platformName: String
    public let platformVersion: String
    public let deviceName: String
    public let deviceVersion: String
    public let driverVersion: String
    public let isGPU: Bool
    public let computeUnits: Int
    public let globalMemoryBytes: Int
    public let localMemoryBytes: Int
    public let maxWorkGroupSize: Int
    /// CL_DEVICE_MEM_BASE_ADDR_ALIGN in bytes: sub-buffer views must start at a multiple of it.
    public let baseAddressAlignmentBytes: Int

    public var description: String {
        let gibibytes = Double(globalMemoryBytes) / Double(1 << 30)
        let memory = (gibibytes * 10).rounded() / 10
        return "\(platformName) / \(deviceName) / driver \(driverVersion) / \(computeUnits) compute units / "
            + "\(memory) GiB / work-group ≤ \(maxWorkGroupSize)"
    }

    init(platform: cl_platform_id, device: cl_device_id) {
        platformName = OpenCLInfo.platformString(platform, CL_PLATFORM_NAME)
        platformVersion = OpenCLInfo.platformString(platform, CL_PLATFORM_VERSION)
        deviceName = OpenCLInfo.deviceString(device, CL_DEVICE_NAME)
        deviceVersion = OpenCLInfo.deviceString(device, CL_DEVICE_VERSION)
        driverVersion = OpenCLInfo.deviceString(device, CL_DRIVER_VERSION)
        let type: cl_device_type = OpenCLInfo.deviceValue(device, CL_DEVICE_TYPE, default: 0)
        isGPU = type & cl_device_type(CL_DEVICE_TYPE_GPU) != 0
        computeUnits = Int(OpenCLInfo.deviceValue(device, CL_DEVICE_MAX_COMPUTE_UNITS, default: cl_uint(0)))
        globalMemoryBytes = Int(OpenCLInfo.deviceValue(device, CL_DEVICE_GLOBAL_MEM_SIZE, default: cl_ulong(0)))
        localMemoryBytes = Int(OpenCLInfo.deviceValue(device, CL_DEVICE_LOCAL_MEM_SIZE, default: cl_ulong(0)))
        maxWorkGroupSize = OpenCLInfo.deviceValue(device, CL_DEVICE_MAX_WORK_GROUP_SIZE, default: 0)
        let alignmentBits = Int(OpenCLInfo.deviceValue(device, CL_DEVICE_MEM_BASE_ADDR_ALIGN, default: cl_uint(1024)))
        baseAddressAlignmentBytes = Swift.max(alignmentBits / 8, MemoryLayout<Float>.stride)
    }
}
