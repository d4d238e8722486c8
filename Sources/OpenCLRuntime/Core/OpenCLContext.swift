import COpenCL
import Foundation

/// A device's shared context plus this engine's in-order command queue: the unit an engine owns. Kernels run in
/// enqueue order, so the engine only calls `finish()` at step boundaries to take wall time.
public final class OpenCLContext: @unchecked Sendable {
    public let device: OpenCLDevice
    public let profilingEnabled: Bool
    let clContext: cl_context
    let queue: cl_command_queue
    private let lock = NSLock()
    private var memory = DeviceMemoryCounters()
    private var builds = ProgramBuildStatistics()
    private var pendingEvents: [(name: String, event: cl_event)] = []

    /// `profiling` turns on CL_QUEUE_PROFILING_ENABLE so `kernelTimings()` can report device time per kernel.
    public init(device: OpenCLDevice, profiling: Bool = false) throws {
        self.device = device
        self.profilingEnabled = profiling
        clContext = try DeviceContextRegistry.shared.context(for: device)
        var code: cl_int = CL_SUCCESS
        let properties = cl_command_queue_properties(profiling ? CL_QUEUE_PROFILING_ENABLE : 0)
        let created = clCreateCommandQueue(clContext, device.deviceID, properties, &code)
        try check(code, "clCreateCommandQueue(\(device.info.deviceName))")
        guard let created else { throw OpenCLError.callFailed(call: "clCreateCommandQueue", code: "a null queue") }
        queue = created
    }

    /// Selects a device and opens a context on it in one step.
    public convenience init(request: OpenCLDeviceRequest, profiling: Bool = false) throws {
        try self.init(device: OpenCLDeviceSelector.select(request), profiling: profiling)
    }

    deinit {
        clFinish(queue)
        for pending in pendingEvents { clReleaseEvent(pending.event) }
        clReleaseCommandQueue(queue)
    }

    /// Blocks until every queued command has completed.
    public func finish() throws { try check(clFinish(queue), "clFinish") }

    /// Allocates an uninitialised buffer of `count` floats.
    public func makeBuffer(count: Int) throws -> DeviceBuffer { try DeviceBuffer(context: self, count: count) }

    /// Allocates a buffer holding `values`.
    public func makeBuffer(values: [Float]) throws -> DeviceBuffer { try DeviceBuffer(context: self, values: values) }

    // MARK: - Accounting

    public var memoryCounters: DeviceMemoryCounters { lock.lock(); defer { lock.unlock() }; return memory }
    public var buildStatistics: ProgramBuildStatistics { lock.lock(); defer { lock.unlock() }; return builds }

    /// Starts a new peak measurement from the bytes alive now (the runner calls it per trial).
    public func resetPeak() { lock.lock(); memory.peakLiveBytes = memory.liveBytes; lock.unlock() }

    func recordAllocation(bytes: Int) {
        lock.lock()
        memory.liveBytes += bytes
        memory.liveBuffers += 1
        memory.allocations += 1
        memory.peakLiveBytes = Swift.max(memory.peakLiveBytes, memory.liveBytes)
        lock.unlock()
    }

    func recordRelease(bytes: Int) {
        lock.lock()
        memory.liveBytes -= bytes
        memory.liveBuffers -= 1
        lock.unlock()
    }

    func recordTransfer(uploaded: Int, downloaded: Int) {
        lock.lock()
        memory.uploadedBytes += uploaded
        memory.downloadedBytes += downloaded
        lock.unlock()
    }

    func recordBuild(_ record: ProgramBuildRecord) {
        lock.lock()
        builds.record(record)
        lock.unlock()
    }

    // MARK: - Programs and launches

    /// The built program for `source` (from the process-wide cache when built before for this device).
    public func program(source: String, options: String = "", label: String) throws -> OpenCLProgram {
        let (program, record) = try ProgramCache.shared.program(source: source, options: options, label: label, context: self)
        recordBuild(record)
        return program
    }

    /// Enqueues `kernel` over `globalSize` work items (each dimension a multiple of `localSize` when one is given).
    public func launch(_ kernel: OpenCLKernel, globalSize: [Int], localSize: [Int]? = nil,
                       arguments: [KernelArgument]) throws {
        guard (1...3).contains(globalSize.count), localSize.map({ $0.count == globalSize.count }) ?? true else {
            throw OpenCLError.invalidArgument(operation: "launch \(kernel.name)",
                                              reason: "global size \(globalSize) and local size \(localSize ?? []) disagree")
        }
        guard globalSize.allSatisfy({ $0 > 0 }) else { return }
        try kernel.setArguments(arguments)
        var global = globalSize
        var local = localSize ?? []
        var event: cl_event?
        let code = withUnsafeMutablePointer(to: &event) { eventPointer in
            let eventTarget = profilingEnabled ? eventPointer : nil
            return local.isEmpty
                ? clEnqueueNDRangeKernel(queue, kernel.kernel, cl_uint(global.count), nil, &global, nil, 0, nil, eventTarget)
                : clEnqueueNDRangeKernel(queue, kernel.kernel, cl_uint(global.count), nil, &global, &local, 0, nil,
                                         eventTarget)
        }
        try check(code, "clEnqueueNDRangeKernel(\(kernel.name), global \(globalSize), local \(localSize ?? []))")
        if let event {
            lock.lock()
            pendingEvents.append((kernel.name, event))
            lock.unlock()
        }
    }

    /// Device times of the kernels launched since the last call (waits for them); empty without profiling.
    public func kernelTimings() throws -> [KernelTiming] {
        try finish()
        lock.lock()
        let events = pendingEvents
        pendingEvents.removeAll()
        lock.unlock()
        defer { for pending in events { clReleaseEvent(pending.event) } }
        return try events.map { pending in
            let queued = try profilingTime(pending.event, CL_PROFILING_COMMAND_QUEUED, pending.name)
            let start = try profilingTime(pending.event, CL_PROFILING_COMMAND_START, pending.name)
            let end = try profilingTime(pending.event, CL_PROFILING_COMMAND_END, pending.name)
            return KernelTiming(kernelName: pending.name, seconds: Double(Int64(bitPattern: end &- start)) * 1e-9,
                                queuedSeconds: Double(Int64(bitPattern: start &- queued)) * 1e-9)
        }
    }

    private func profilingTime(_ event: cl_event, _ parameter: Int32, _ name: String) throws -> cl_ulong {
        var value: cl_ulong = 0
        try check(clGetEventProfilingInfo(event, cl_profiling_info(parameter), MemoryLayout<cl_ulong>.stride, &value, nil),
                  "clGetEventProfilingInfo(\(name))")
        return value
    }
}
