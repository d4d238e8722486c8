import Datasets
import Engines
import Models
import ProtocolModel
import TensorCore

/// Turns protocol specs into the objects a case runs: datasets, models, optimizers, engines. Every engine
/// of a case gets the same initial weights (the seed depends on the protocol seed and the model name only).
public enum WorkloadFactory {
    /// Generated or read from files, checked, split and normalised, with its load time (see `DatasetLoader`).
    public static func dataset(_ spec: DatasetSpec, protocolSeed: UInt64) throws -> LabeledDataset {
        try DatasetLoader.load(spec, protocolSeed: protocolSeed)
    }

    public static func model(_ spec: ModelSpec, dataset: LabeledDataset, protocolSeed: UInt64) throws -> any Layer {
        try ModelFactory.make(spec, dataset: dataset, seed: protocolSeed &+ stableHash(spec.name))
    }

    public static func optimizer(_ spec: OptimizerSpec) -> any Optimizer {
        let rate = Float(spec.learningRate)
        switch spec.kind {
        case .sgd:
            return SGD(learningRate: rate, momentum: Float(spec.momentum), nesterov: spec.nesterov,
                       weightDecay: Float(spec.weightDecay))
        case .adam, .adamw:
            return Adam(learningRate: rate, beta1: Float(spec.beta1), beta2: Float(spec.beta2), epsilon: Float(spec.epsilon),
                        weightDecay: Float(spec.weightDecay), decoupledWeightDecay: spec.kind == .adamw)
        }
    }

    public static func engine(_ spec: EngineSpec, machine: MachineSpec, model: any Layer, optimizer: any Optimizer) throws -> any Engine {
        try EngineFactory.make(spec, machine: machine, model: model, optimizer: optimizer)
    }

    /// FNV-1a: a seed offset that depends only on a name, stable across processes and platforms.
    public static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}

extension WorkloadFactory {
    /// The dataset of a case, generated from its spec (and the protocol seed).
    public static func dataset(for plannedCase: PlannedCase, in benchmark: BenchmarkProtocol) throws -> LabeledDataset {
        guard let spec = benchmark.dataset(named: plannedCase.task.dataset) else {
            throw RunnerError.unsupported("dataset '\(plannedCase.task.dataset)' is not defined")
        }
        return try WorkloadFactory.dataset(spec, protocolSeed: benchmark.seed)
    }
}
