import COpenCL
import Foundation

/// One `cl_context` per device for the life of the process. Programs belong to a context, so sharing it is what
/// lets the program cache serve every engine instance (a second trial pays no compile time, as in a warm process).
final class DeviceContextRegistry: @unchecked Sendable {
    static let shared = DeviceContextRegistry()
    private let lock = NSLock()
    private var contexts: [OpenCLDevice: cl_context] = [:]

    func context(for device: OpenCLDevice) throws -> cl_context {
        lock.lock()
        defer { lock.unlock() }
        if let existing = contexts[device] { return existing }
        var code: cl_int = CL_SUCCESS
        var deviceID: cl_device_id? = device.deviceID
        var properties: [cl_context_properties] = [
            cl_context_properties(CL_CONTEXT_PLATFORM), cl_context_properties(Int(bitPattern: device.platformID)), 0,
        ]
        let created = clCreateContext(&properties, 1, &deviceID, nil, nil, &code)
        try check(code, "clCreateContext(\(device.info.deviceName))")
        guard let context = created else {
            throw OpenCLError.callFailed(call: "clCreateContext(\(device.info.deviceName))", code: "a null context")
        }
        contexts[device] = context
        return context
    }
}
