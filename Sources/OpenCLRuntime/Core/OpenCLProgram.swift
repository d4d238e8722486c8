import COpenCL
import Foundation

/// A program compiled for one device, handing out its kernels by name. Kernels are created once and reused;
/// their argument state is per kernel object, so launches of one program must come from one thread at a time.
public final class OpenCLProgram: @unchecked Sendable {
    public let label: String
    let program: cl_program
    private let lock = NSLock()
    private var kernels: [String: OpenCLKernel] = [:]

    private init(label: String, program: cl_program) {
        self.label = label
        self.program = program
    }

    deinit { clReleaseProgram(program) }

    static func build(source: String, options: String, label: String, context: OpenCLContext) throws -> OpenCLProgram {
        var code: cl_int = CL_SUCCESS
        let created: cl_program? = source.withCString { text in
            var pointer: UnsafePointer<CChar>? = text
            var length = strlen(text)
            return clCreateProgramWithSource(context.clContext, 1, &pointer, &length, &code)
        }
        try check(code, "clCreateProgramWithSource(\(label))")
        guard let created else { throw OpenCLError.callFailed(call: "clCreateProgramWithSource(\(label))", code: "a null program") }
        let program = OpenCLProgram(label: label, program: created)
        var deviceID: cl_device_id? = context.device.deviceID
        let buildCode = clBuildProgram(created, 1, &deviceID, options, nil, nil)
        guard buildCode == CL_SUCCESS else {
            throw OpenCLError.buildFailed(program: label, code: OpenCLErrorCode.name(buildCode),
                                          log: program.buildLog(device: context.device.deviceID))
        }
        return program
    }

    func buildLog(device: cl_device_id) -> String {
        var size = 0
        let name = cl_program_build_info(CL_PROGRAM_BUILD_LOG)
        guard clGetProgramBuildInfo(program, device, name, 0, nil, &size) == CL_SUCCESS, size > 0 else {
            return "(no build log)"
        }
        var buffer = [CChar](repeating: 0, count: size)
        guard clGetProgramBuildInfo(program, device, name, size, &buffer, nil) == CL_SUCCESS else { return "(no build log)" }
        return OpenCLInfo.decode(buffer)
    }

    /// The kernel named `name`, created on first use.
    public func kernel(_ name: String) throws -> OpenCLKernel {
        lock.lock()
        defer { lock.unlock() }
        if let existing = kernels[name] { return existing }
        var code: cl_int = CL_SUCCESS
        let created = clCreateKernel(program, name, &code)
        try check(code, "clCreateKernel(\(name)) in \(label)")
        guard let created else { throw OpenCLError.callFailed(call: "clCreateKernel(\(name))", code: "a null kernel") }
        let kernel = OpenCLKernel(name: name, kernel: created)
        kernels[name] = kernel
        return kernel
    }
}

/// One kernel entry point of a built program.
public final class OpenCLKernel: @unchecked Sendable {
    public let name: String
    let kernel: cl_kernel

    init(name: String, kernel: cl_kernel) {
        self.name = name
        self.kernel = kernel
    }

    deinit { clReleaseKernel(kernel) }

    func setArguments(_ arguments: [KernelArgument]) throws {
        for (index, argument) in arguments.enumerated() {
            try argument.set(on: kernel, index: index, kernelName: name)
        }
    }
}
