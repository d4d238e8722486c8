import COpenCL

extension DeviceBuffer {
    /// A view of `count` floats starting `offset` floats into this allocation (an OpenCL sub-buffer): kernels see it
    /// as a buffer of its own, so an engine can carve one arena into per-value buffers without per-kernel offset
    /// arguments. Views allocate no device memory and are not counted; `offset` must be a multiple of the device's
    /// base-address alignment (`viewAlignmentElements`).
    public func view(offset: Int, count: Int) throws -> DeviceBuffer {
        let operation = "DeviceBuffer.view(offset: \(offset), count: \(count))"
        guard parent == nil else {
            throw OpenCLError.invalidArgument(operation: operation, reason: "views of views are not supported; view the allocation")
        }
        let alignment = context.viewAlignmentElements
        guard offset >= 0, count >= 0, offset % alignment == 0, offset + Swift.max(count, 1) <= Swift.max(self.count, 1) else {
            throw OpenCLError.invalidArgument(
                operation: operation,
                reason: "needs 0 ≤ offset, offset a multiple of \(alignment) floats and the view inside \(self.count) floats")
        }
        var region = cl_buffer_region(origin: offset * MemoryLayout<Float>.stride,
                                      size: Swift.max(count, 1) * MemoryLayout<Float>.stride)
        var code: cl_int = CL_SUCCESS
        let created = clCreateSubBuffer(memory, cl_mem_flags(CL_MEM_READ_WRITE),
                                        cl_buffer_create_type(CL_BUFFER_CREATE_TYPE_REGION), &region, &code)
        try check(code, "clCreateSubBuffer(origin \(region.origin) bytes, \(region.size) bytes)")
        guard let created else { throw OpenCLError.callFailed(call: "clCreateSubBuffer", code: "a null buffer") }
        return DeviceBuffer(subBuffer: created, of: self, offset: offset, count: count)
    }
}

extension OpenCLContext {
    /// The alignment of sub-buffer origins on this device, in floats (at least 16, one 64-byte line).
    public var viewAlignmentElements: Int {
        Swift.max(device.info.baseAddressAlignmentBytes / MemoryLayout<Float>.stride, 16)
    }
}
