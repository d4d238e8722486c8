import COpenCL

/// One kernel argument, typed so a launch cannot pass a Swift `Int` where the kernel declares `int` (a silent
/// size mismatch on the device).
public enum KernelArgument {
    case buffer(DeviceBuffer)
    case int32(Int32)
    case float(Float)
    /// Uninitialised `__local` memory of the given byte count.
    case localBytes(Int)

    /// `Int` sizes from Swift checked into the kernel's `int`.
    public static func int(_ value: Int) throws -> KernelArgument {
        guard let narrowed = Int32(exactly: value) else {
            throw OpenCLError.invalidArgument(operation: "kernel argument", reason: "\(value) does not fit a 32-bit int")
        }
        return .int32(narrowed)
    }

    func set(on kernel: cl_kernel, index: Int, kernelName: String) throws {
        let position = cl_uint(index)
        let code: cl_int
        switch self {
        case let .buffer(buffer):
            var memory: cl_mem? = buffer.memory
            code = clSetKernelArg(kernel, position, MemoryLayout<cl_mem>.stride, &memory)
        case var .int32(value):
            code = clSetKernelArg(kernel, position, MemoryLayout<Int32>.stride, &value)
        case var .float(value):
            code = clSetKernelArg(kernel, position, MemoryLayout<Float>.stride, &value)
        case let .localBytes(count):
            code = clSetKernelArg(kernel, position, Swift.max(count, 4), nil)
        }
        try check(code, "clSetKernelArg(\(kernelName), argument \(index))")
    }
}
