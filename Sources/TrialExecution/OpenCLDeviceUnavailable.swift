/// A machine asked for an OpenCL device this host lacks, and its fallback is `fail`.
struct OpenCLDeviceUnavailable: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason + #"; set the machine's "fallback": "skip" to skip such cases instead"# }
}
