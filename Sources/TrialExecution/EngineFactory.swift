import Engines
import ProtocolModel
import TensorCore

/// Builds the engine a protocol names. CPU engines refuse a machine that asks for a GPU (recorded as a skip).
enum EngineFactory {
    static func make(_ spec: EngineSpec, machine: MachineSpec, model: any Layer, optimizer: any Optimizer) throws -> any Engine {
        if spec.kind != .opencl && machine.device == .gpu {
            throw RunnerError.unsupported(
                "engine '\(spec.name)' (\(spec.kind.rawValue)) runs on the CPU, but machine '\(machine.name)' asks for device gpu")
        }
        switch spec.kind {
        case .eager:
            return EagerEngine(model: model, optimizer: optimizer)
        case .traced:
            return try GraphEngine(name: spec.name, model: model, optimizer: optimizer, passes: FusionOptions.none.passes,
                                   profilesKernels: spec.profileKernels)
        case .fused:
            return try GraphEngine(name: spec.name, model: model, optimizer: optimizer, passes: FusionOptions(spec.fusion).passes,
                                   profilesKernels: spec.profileKernels)
        case .opencl:
            return try OpenCLEngineFactory.make(spec, machine: machine, model: model, optimizer: optimizer)
        case .external:
            // The runner starts the engine's own worker process (BenchmarkRunner+External); nothing to build here.
            throw RunnerError.unsupported("engine '\(spec.name)' is external: it runs in its own worker process")
        }
    }
}
