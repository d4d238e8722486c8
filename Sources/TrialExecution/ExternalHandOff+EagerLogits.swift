import Datasets
import Engines
import ProtocolModel
import TensorCore

extension ExternalHandOff {
    /// How many query batches an infer task's agreement check compares: the protocol's `agreement.steps`, at most the
    /// distinct consecutive batches the test split holds (at least one, wrapping around, as the queries do).
    public static func agreementQueries(steps: Int, testExamples: Int, batchSize: Int) -> Int {
        min(steps, max(1, testExamples / max(batchSize, 1)))
    }

    /// Eager's logits for the first `queries` query batches of an infer case — consecutive test-split batches of
    /// the case's batch size, the queries every engine answers — each flattened row-major [batch, classes].
    public func eagerLogits(_ plannedCase: PlannedCase, model: ModelSpec, dataset: LabeledDataset, queries: Int,
                            protocolSeed: UInt64) throws -> [[Double]] {
        let key = "\(plannedCase.task.name)|\(plannedCase.batchSize)|\(queries)"
        if let cached = referenceLogits[key] { return cached }
        Parallelism.setThreadCount(plannedCase.machine.threads)
        let network = try Self.initialModel(model, dataset: dataset, protocolSeed: protocolSeed)
        let engine = EagerEngine(model: network, optimizer: SGD(learningRate: 0))
        var source = BatchSource(split: dataset.test, batchSize: plannedCase.batchSize, seed: 0, shuffles: false)
        var logits: [[Double]] = []
        for _ in 0..<queries {
            let batch = source.next()
            logits.append(try engine.infer(inputs: batch.inputs).values().map(Double.init))
        }
        referenceLogits[key] = logits
        return logits
    }
}
