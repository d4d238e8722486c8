import Datasets
import Engines
import ProtocolModel
import Measurement
import TensorCore

/// Agreement of an in-repo engine with eager: the first training losses of the case's first trial, against an
/// eager engine trained from the same initial weights on the same batches. Recorded as `deviation_from_eager`;
/// beyond the protocol's tolerance the case fails with the figures.
extension TrialExecutor {
    /// Whether this trial's first losses must be compared with eager's.
    var checksAgreement: Bool { plannedCase.engine.kind != .eager && plannedCase.engine.kind != .external && trialIndex == 0 }

    /// Eager's first losses for this trial, computed before the engine's trial so the eager model never counts in
    /// the engine's peak memory; empty when no check applies.
    func eagerReferenceLosses(spec: TrainSpec, modelSpec: ModelSpec) throws -> [Double] {
        guard checksAgreement else { return [] }
        let total: Int
        switch spec.length {
        case let .steps(count): total = count
        case let .epochs(count): total = count * ((dataset.train.count + spec.batchSize - 1) / spec.batchSize)
        }
        let steps = min(benchmark.agreement.steps, total + max(policy.warmupSteps, 1))
        let model = try WorkloadFactory.model(modelSpec, dataset: dataset, protocolSeed: benchmark.seed)
        if let path = modelSpec.initialWeights { try CheckpointFiles.load(path, into: model) }
        let eager = EagerEngine(model: model, optimizer: WorkloadFactory.optimizer(spec.optimizer))
        var batches = BatchSource(split: dataset.train, batchSize: spec.batchSize, seed: benchmark.seed &+ UInt64(trialIndex),
                                  shuffles: true)
        var reference: [Double] = []
        for _ in 0..<steps {
            let batch = batches.next()
            reference.append(Double(try eager.trainStep(inputs: batch.inputs, labels: batch.labels)))
        }
        BufferPool.shared.trim()
        return reference
    }

    /// The `deviation_from_eager` sample; throws a disagreement beyond the tolerance.
    func agreementSamples(engineLosses: [Double], reference: [Double]) throws -> [MetricSample] {
        guard !reference.isEmpty else { return [] }
        return try AgreementCheck.samples(engineLosses, reference: reference, engine: plannedCase.engine.name,
                                                    policy: benchmark.agreement, record: metrics.contains(.deviationFromEager))
    }
}
