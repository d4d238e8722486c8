import Datasets
import Engines
import ProtocolModel
import Measurement
import TensorCore

/// Agreement of an in-repo engine with eager in the case's first trial: for training, the first losses against an
/// eager engine trained from the same initial weights on the same batches; for inference, the outputs of the first
/// query batches against eager's forward pass. Recorded as `deviation_from_eager` (and `cosine_to_eager` for
/// inference); beyond the protocol's tolerance the case fails with the figures.
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

    /// Eager's outputs for the queries `agreementInputs` picks, computed before the engine's trial (as for training,
    /// so the eager model never counts in the engine's peak memory); empty when no check applies.
    func eagerReferenceOutputs(modelSpec: ModelSpec) throws -> [[Double]] {
        guard checksAgreement else { return [] }
        let model = try WorkloadFactory.model(modelSpec, dataset: dataset, protocolSeed: benchmark.seed)
        if let path = modelSpec.initialWeights { try CheckpointFiles.load(path, into: model) }
        let eager = EagerEngine(model: model, optimizer: SGD(learningRate: 0))
        let outputs = try agreementInputs(preparedInputs()).map { try eager.infer(inputs: $0).values().map(Double.init) }
        BufferPool.shared.trim()
        return outputs
    }

    /// The first query batches, as many as an external worker's agreement check compares.
    func agreementInputs(_ inputs: [Tensor]) -> ArraySlice<Tensor> {
        inputs.prefix(ExternalHandOff.agreementQueries(steps: benchmark.agreement.steps, testExamples: dataset.test.count,
                                                       batchSize: plannedCase.batchSize))
    }

    /// The engine's outputs for the same queries against eager's; throws a disagreement beyond the tolerance.
    func inferenceAgreementSamples(engine: any Engine, inputs: [Tensor], reference: [[Double]]) throws -> [MetricSample] {
        guard !reference.isEmpty else { return [] }
        let outputs = try agreementInputs(inputs).map { try engine.infer(inputs: $0).values().map(Double.init) }
        return try AgreementCheck.logitSamples(outputs, reference: reference, engine: plannedCase.engine.name,
                                               policy: benchmark.agreement, rows: plannedCase.batchSize, metrics: metrics)
    }

    /// The `deviation_from_eager` sample; throws a disagreement beyond the tolerance.
    func agreementSamples(engineLosses: [Double], reference: [Double]) throws -> [MetricSample] {
        guard !reference.isEmpty else { return [] }
        return try AgreementCheck.samples(engineLosses, reference: reference, engine: plannedCase.engine.name,
                                                    policy: benchmark.agreement, record: metrics.contains(.deviationFromEager))
    }
}
