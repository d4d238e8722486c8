import Engines
import OpenCLEngine
import OpenCLRuntime
import ProtocolModel
import TensorCore

/// Builds the `opencl` engine on the device a protocol machine asks for: `gpu` a GPU, `cpu` the CPU device (PoCL),
/// `any` a GPU if present else the CPU device, narrowed by `deviceFilter`. A missing device (or no OpenCL platform
/// at all) fails the case with the reason, or skips it when the machine says `"fallback": "skip"`.
public enum OpenCLEngineFactory {
    public static func request(for machine: MachineSpec) -> OpenCLDeviceRequest {
        let kind: OpenCLDeviceRequest.Kind
        switch machine.device {
        case .cpu: kind = .cpu
        case .gpu: kind = .gpu
        case .any: kind = .any
        }
        return OpenCLDeviceRequest(kind: kind, nameFilter: machine.deviceFilter)
    }

    public static func make(_ spec: EngineSpec, machine: MachineSpec, model: any Layer, optimizer: any Optimizer) throws -> any Engine {
        do {
            // `profileKernels` turns on the queue's profiling events, read back per kernel by takeKernelProfile().
            return try OpenCLEngine(name: spec.name, model: model, optimizer: optimizer, request: request(for: machine),
                                    profiling: spec.profileKernels)
        } catch let error as OpenCLError where error.isDeviceUnavailable {
            let reason = "engine '\(spec.name)' (opencl) on machine '\(machine.name)': \(error)"
            if machine.fallback == .skip { throw RunnerError.unsupported(reason + " (machine fallback: skip)") }
            throw OpenCLDeviceUnavailable(reason: reason)
        }
    }

    /// The device the engine would run on for `machine` ("platform / device / driver / compute units / memory"),
    /// or why there is none, for the stored case configuration. Selection is deterministic, so this is the device
    /// the worker picks.
    public static func deviceSummary(for machine: MachineSpec) -> String {
        do {
            return try OpenCLDeviceSelector.select(request(for: machine)).info.description
        } catch {
            return "unavailable: \(error)"
        }
    }
}
