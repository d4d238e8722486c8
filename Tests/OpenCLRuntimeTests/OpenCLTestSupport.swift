import Foundation
import OpenCLRuntime
import TensorCore
import XCTest

/// One context shared by the tests (tests needing exact counters open their own on the same device). The device is
/// the CPU (PoCL in CI) unless DLBENCH_OPENCL_DEVICE says otherwise — "gpu", "any", or "gpu:H100" with a name
/// filter — which is how the GPU bundle's runner points the same checks at a real GPU.
enum OpenCLTestSupport {
    static let request: OpenCLDeviceRequest = {
        guard let text = ProcessInfo.processInfo.environment["DLBENCH_OPENCL_DEVICE"], !text.isEmpty else {
            return OpenCLDeviceRequest(kind: .cpu)
        }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let kind = OpenCLDeviceRequest.Kind(rawValue: parts[0].lowercased()) ?? .cpu
        return OpenCLDeviceRequest(kind: kind, nameFilter: parts.count > 1 ? parts[1] : nil)
    }()

    static let sharedContext: Result<OpenCLContext, Error> = Result { try OpenCLContext(request: request) }

    /// A fresh context on the test device (for exact counters or profiling).
    static func freshContext(profiling: Bool = false) throws -> OpenCLContext {
        try OpenCLContext(device: context().device, profiling: profiling)
    }

    /// The shared context, or a skip when this machine has no such OpenCL device at all.
    static func context(file: StaticString = #filePath, line: UInt = #line) throws -> OpenCLContext {
        switch sharedContext {
        case let .success(context): return context
        case let .failure(error as OpenCLError) where error.isDeviceUnavailable:
            // CI installs PoCL, so a missing CPU device there is a broken install, not a reason to skip.
            if ProcessInfo.processInfo.environment["CI"] == "true" && request.kind != .gpu { throw error }
            throw XCTSkip("no OpenCL \(request) device: \(error)")
        case let .failure(error): throw error
        }
    }

    /// Reproducible normal values.
    static func randomValues(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in generator.nextNormal() }
    }
}
