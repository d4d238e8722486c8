import COpenCL

/// Typed readers over clGetPlatformInfo / clGetDeviceInfo; a failed query yields "unknown" or the default, since
/// descriptive fields must never stop a benchmark.
enum OpenCLInfo {
    static func platformString(_ platform: cl_platform_id, _ parameter: Int32) -> String {
        let name = cl_platform_info(parameter)
        var size = 0
        guard clGetPlatformInfo(platform, name, 0, nil, &size) == CL_SUCCESS, size > 0 else { return "unknown" }
        var buffer = [CChar](repeating: 0, count: size)
        guard clGetPlatformInfo(platform, name, size, &buffer, nil) == CL_SUCCESS else { return "unknown" }
        return decode(buffer)
    }

    static func deviceString(_ device: cl_device_id, _ parameter: Int32) -> String {
        let name = cl_device_info(parameter)
        var size = 0
        guard clGetDeviceInfo(device, name, 0, nil, &size) == CL_SUCCESS, size > 0 else { return "unknown" }
        var buffer = [CChar](repeating: 0, count: size)
        guard clGetDeviceInfo(device, name, size, &buffer, nil) == CL_SUCCESS else { return "unknown" }
        return decode(buffer)
    }

    static func deviceValue<Value>(_ device: cl_device_id, _ parameter: Int32, default fallback: Value) -> Value {
        var value = fallback
        let code = withUnsafeMutableBytes(of: &value) { bytes in
            clGetDeviceInfo(device, cl_device_info(parameter), bytes.count, bytes.baseAddress, nil)
        }
        return code == CL_SUCCESS ? value : fallback
    }

    static func decode(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self).trimmingBlanks()
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (drivers pad some names).
    func trimmingBlanks() -> String {
        let set: Set<Character> = [" ", "\n", "\t"]
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
