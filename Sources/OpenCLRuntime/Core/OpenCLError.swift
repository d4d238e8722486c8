import COpenCL

/// Every failure of the OpenCL runtime, carrying the call, the error code's name and what to do about it, so a
/// benchmark run can record a one-line cause (or skip an unsupported configuration) instead of crashing.
public enum OpenCLError: Error, CustomStringConvertible, Equatable {
    /// The ICD loader found no platform at all (no vendor driver, no PoCL).
    case noPlatform(code: String)
    /// Platforms exist, but none of their devices matches the request.
    case noMatchingDevice(request: OpenCLDeviceRequest, available: [String])
    /// An OpenCL call returned an error code.
    case callFailed(call: String, code: String)
    /// The OpenCL C compiler rejected a program; `log` is the device's build log.
    case buildFailed(program: String, code: String, log: String)
    /// A kernel launch or buffer transfer was asked for with inconsistent sizes.
    case invalidArgument(operation: String, reason: String)

    /// True where the machine lacks the requested device: the engine turns this into a skipped case, not a failure.
    public var isDeviceUnavailable: Bool {
        switch self {
        case .noPlatform, .noMatchingDevice: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case let .noPlatform(code):
            return "no OpenCL platform (clGetPlatformIDs: \(code)); install a driver ICD (pocl-opencl-icd for the CPU, "
                + "the vendor's OpenCL package for a GPU) or point OCL_ICD_VENDORS at its .icd file"
        case let .noMatchingDevice(request, available):
            let listed = available.isEmpty ? "none" : available.joined(separator: "; ")
            return "no OpenCL \(request.summary) device (platforms: \(listed)); pick another device kind or name filter"
        case let .callFailed(call, code):
            return "\(call) failed with \(code)"
        case let .buildFailed(program, code, log):
            return "clBuildProgram failed for \(program) with \(code); build log:\n\(log)"
        case let .invalidArgument(operation, reason):
            return "\(operation): \(reason)"
        }
    }
}

/// Throws `OpenCLError.callFailed` unless `code` is CL_SUCCESS.
@inline(__always)
func check(_ code: cl_int, _ call: @autoclosure () -> String) throws {
    guard code == CL_SUCCESS else { throw OpenCLError.callFailed(call: call(), code: OpenCLErrorCode.name(code)) }
}
