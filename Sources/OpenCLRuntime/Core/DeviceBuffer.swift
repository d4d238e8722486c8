import COpenCL

/// A Float32 buffer resident on the device. Engines keep parameters, optimizer state and activations here across
/// steps; only the transfers they ask for cross the bus, and every byte is counted by the owning context.
public final class DeviceBuffer: @unchecked Sendable {
    public let context: OpenCLContext
    public let count: Int
    let memory: cl_mem
    /// The allocation this buffer is a view of (nil for an allocation of its own); the view keeps it alive.
    let parent: DeviceBuffer?
    /// Where the view starts in its parent, in floats (0 for an allocation).
    public let parentOffset: Int

    /// True for a sub-buffer view: it owns no device memory and is not counted as an allocation.
    public var isView: Bool { parent != nil }

    public var byteCount: Int { count * MemoryLayout<Float>.stride }

    /// Allocates `count` floats (uninitialised). Zero-element buffers allocate one float, since OpenCL rejects size 0.
    public init(context: OpenCLContext, count: Int) throws {
        guard count >= 0 else {
            throw OpenCLError.invalidArgument(operation: "DeviceBuffer", reason: "negative element count \(count)")
        }
        var code: cl_int = CL_SUCCESS
        let bytes = Swift.max(count, 1) * MemoryLayout<Float>.stride
        let created = clCreateBuffer(context.clContext, cl_mem_flags(CL_MEM_READ_WRITE), bytes, nil, &code)
        try check(code, "clCreateBuffer(\(bytes) bytes)")
        guard let created else { throw OpenCLError.callFailed(call: "clCreateBuffer(\(bytes) bytes)", code: "a null buffer") }
        self.context = context
        self.count = count
        self.memory = created
        self.parent = nil
        self.parentOffset = 0
        context.recordAllocation(bytes: count * MemoryLayout<Float>.stride)
    }

    /// Allocates and uploads `values`.
    public convenience init(context: OpenCLContext, values: [Float]) throws {
        try self.init(context: context, count: values.count)
        try upload(values)
    }

    /// Wraps a sub-buffer of `parent` (see `view(offset:count:)`).
    init(subBuffer: cl_mem, of parent: DeviceBuffer, offset: Int, count: Int) {
        self.context = parent.context
        self.count = count
        self.memory = subBuffer
        self.parent = parent
        self.parentOffset = offset
    }

    deinit {
        clReleaseMemObject(memory)
        if parent == nil { context.recordRelease(bytes: byteCount) }
    }

    /// Copies `source.count` floats from host memory into the buffer's start (blocking).
    public func upload(from source: UnsafeBufferPointer<Float>) throws {
        guard source.count <= count else {
            throw OpenCLError.invalidArgument(operation: "DeviceBuffer.upload",
                                              reason: "\(source.count) values into a buffer of \(count)")
        }
        guard let base = source.baseAddress, source.count > 0 else { return }
        let bytes = source.count * MemoryLayout<Float>.stride
        try check(clEnqueueWriteBuffer(context.queue, memory, cl_bool(CL_TRUE), 0, bytes, base, 0, nil, nil),
                  "clEnqueueWriteBuffer(\(bytes) bytes)")
        context.recordTransfer(uploaded: bytes, downloaded: 0)
    }

    public func upload(_ values: [Float]) throws {
        try values.withUnsafeBufferPointer { try upload(from: $0) }
    }

    /// Copies the buffer's first `destination.count` floats to host memory (blocking, so it also waits for the
    /// kernels queued before it).
    public func download(into destination: UnsafeMutableBufferPointer<Float>) throws {
        guard destination.count <= count else {
            throw OpenCLError.invalidArgument(operation: "DeviceBuffer.download",
                                              reason: "\(destination.count) values from a buffer of \(count)")
        }
        guard let base = destination.baseAddress, destination.count > 0 else { return }
        let bytes = destination.count * MemoryLayout<Float>.stride
        try check(clEnqueueReadBuffer(context.queue, memory, cl_bool(CL_TRUE), 0, bytes, base, 0, nil, nil),
                  "clEnqueueReadBuffer(\(bytes) bytes)")
        context.recordTransfer(uploaded: 0, downloaded: bytes)
    }

    /// All values, downloaded.
    public func download() throws -> [Float] {
        var values = [Float](repeating: 0, count: count)
        try values.withUnsafeMutableBufferPointer { try download(into: $0) }
        return values
    }

    /// Sets every element to `value` on the device (no host transfer).
    public func fill(_ value: Float) throws {
        guard count > 0 else { return }
        var pattern = value
        try check(clEnqueueFillBuffer(context.queue, memory, &pattern, MemoryLayout<Float>.stride, 0, byteCount, 0, nil, nil),
                  "clEnqueueFillBuffer(\(byteCount) bytes)")
    }

    /// Copies all of `source` into this buffer's start on the device.
    public func copy(from source: DeviceBuffer) throws {
        guard source.count <= count else {
            throw OpenCLError.invalidArgument(operation: "DeviceBuffer.copy", reason: "\(source.count) values into \(count)")
        }
        guard source.count > 0 else { return }
        try check(clEnqueueCopyBuffer(context.queue, source.memory, memory, 0, 0, source.byteCount, 0, nil, nil),
                  "clEnqueueCopyBuffer(\(source.byteCount) bytes)")
    }
}
