import COpenCL

/// One selected device with the platform it belongs to; the handle every context, buffer and program is made for.
public struct OpenCLDevice: Hashable, @unchecked Sendable, CustomStringConvertible {
    public let platformID: cl_platform_id
    public let deviceID: cl_device_id
    public let info: OpenCLDeviceDescription

    public var description: String { info.description }

    public static func == (lhs: OpenCLDevice, rhs: OpenCLDevice) -> Bool { lhs.deviceID == rhs.deviceID }
    public func hash(into hasher: inout Hasher) { hasher.combine(UInt(bitPattern: deviceID)) }
}
