import Engines
import Foundation
import OpenCLEngine
import OpenCLRuntime
import TensorCore
import _EngineTestSupport
import XCTest

/// The device the engine tests run on: the CPU (PoCL in CI) unless DLBENCH_OPENCL_DEVICE names another — "gpu",
/// "any", or "gpu:H100" with a name filter — which is how the GPU bundle points the same checks at a real GPU.
enum OpenCLEngineTestSupport {
    static let request: OpenCLDeviceRequest = {
        guard let text = ProcessInfo.processInfo.environment["DLBENCH_OPENCL_DEVICE"], !text.isEmpty else {
            return OpenCLDeviceRequest(kind: .cpu)
        }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let kind = OpenCLDeviceRequest.Kind(rawValue: parts[0].lowercased()) ?? .cpu
        return OpenCLDeviceRequest(kind: kind, nameFilter: parts.count > 1 ? parts[1] : nil)
    }()

    static let device: Result<OpenCLDevice, Error> = Result { try OpenCLDeviceSelector.select(request) }

    /// A fresh context (own queue and exact counters) on the test device, or a skip when there is none.
    static func context(profiling: Bool = false) throws -> OpenCLContext {
        switch device {
        case let .success(device): return try OpenCLContext(device: device, profiling: profiling)
        case let .failure(error as OpenCLError) where error.isDeviceUnavailable:
            // CI installs PoCL, so a missing CPU device there is a broken install, not a reason to skip.
            if ProcessInfo.processInfo.environment["CI"] == "true" && request.kind != .gpu { throw error }
            throw XCTSkip("no OpenCL \(request) device: \(error)")
        case let .failure(error): throw error
        }
    }

    /// The engine under test for the equivalence checks.
    static let factory: EngineFactory = { model, optimizer in
        try OpenCLEngine(model: model, optimizer: optimizer, context: context())
    }
}
