import Datasets
import Engines
import Foundation
import ProtocolModel
import TensorCore

/// The files dlbench hands to external workers, in one temporary directory per run (removed at its end):
/// the dataset (once per dataset), the seeded initial weights (once per model and dataset) and each trial's
/// batch order. Workers regenerate nothing, so an external engine trains on exactly the weights and batches
/// eager trains on. Also caches eager's reference losses (and infer tasks' logits) for the agreement check.
public final class ExternalHandOff {
    public let directory: String
    private var dataFiles: [String: String] = [:]
    private var weightFiles: [String: String] = [:]
    private var referenceLosses: [String: [Double]] = [:]
    /// Eager's logits of infer tasks' first query batches (`ExternalHandOff+EagerLogits`).
    var referenceLogits: [String: [[Double]]] = [:]

    public init() throws {
        directory = NSTemporaryDirectory() + "dlbench-external-\(getpid())-\(UUID().uuidString.prefix(8))"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RunnerError.workerFailed("cannot create the hand-off directory \(directory) for external workers: \(error)")
        }
    }

    public func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// `train.features` [N, …example shape], `train.labels` [N], `test.features`, `test.labels` (float32).
    public func dataFile(for dataset: LabeledDataset, named name: String) throws -> String {
        if let path = dataFiles[name] { return path }
        let path = "\(directory)/data-\(dataFiles.count).safetensors"
        var tensors: [SafeTensor] = []
        for (prefix, split) in [("train", dataset.train), ("test", dataset.test)] {
            tensors.append(SafeTensor(name: "\(prefix).features", shape: [split.count] + split.exampleShape, values: split.features))
            tensors.append(SafeTensor(name: "\(prefix).labels", shape: [split.count], values: split.labels.map(Float.init)))
        }
        try SafeTensorsFile(tensors: tensors, metadata: ["dlbench.dataset": name]).write(to: path)
        dataFiles[name] = path
        return path
    }

    /// The model's seeded initial weights (or its `init` file's), PyTorch names and layout (see `Checkpoint`).
    public func weightsFile(for spec: ModelSpec, dataset: LabeledDataset, protocolSeed: UInt64) throws -> String {
        let key = "\(spec.name)|\(dataset.name)"
        if let path = weightFiles[key] { return path }
        let path = "\(directory)/weights-\(weightFiles.count).safetensors"
        let model = try Self.initialModel(spec, dataset: dataset, protocolSeed: protocolSeed)
        try CheckpointFiles.export(model, to: path, metadata: ["dlbench.model": spec.name])
        weightFiles[key] = path
        return path
    }

    /// `indices` (the train examples of every step, concatenated) and `batchSizes` (one per step), float32.
    public func batchesFile(task: String, batchSize: Int, trial: Int, steps: Int, dataset: LabeledDataset, seed: UInt64) throws -> String {
        let path = "\(directory)/batches-\(UUID().uuidString.prefix(8)).safetensors"
        var source = Self.batchSource(dataset: dataset, batchSize: batchSize, trial: trial, seed: seed)
        var indices: [Float] = []
        var sizes: [Float] = []
        for _ in 0..<steps {
            let batch = source.nextIndices()
            indices += batch.map(Float.init)
            sizes.append(Float(batch.count))
        }
        try SafeTensorsFile(tensors: [SafeTensor(name: "indices", shape: [indices.count], values: indices),
                                      SafeTensor(name: "batchSizes", shape: [steps], values: sizes)],
                            metadata: ["dlbench.task": task, "dlbench.trial": String(trial)]).write(to: path)
        return path
    }

    /// Eager's losses of the first `steps` steps of this trial, from the same weights and batches.
    public func eagerLosses(_ plannedCase: PlannedCase, spec: TrainSpec, model: ModelSpec, dataset: LabeledDataset, trial: Int,
                     steps: Int, protocolSeed: UInt64) throws -> [Double] {
        let key = "\(plannedCase.task.name)|\(plannedCase.batchSize)|\(trial)|\(steps)"
        if let cached = referenceLosses[key] { return cached }
        Parallelism.setThreadCount(plannedCase.machine.threads)
        let network = try Self.initialModel(model, dataset: dataset, protocolSeed: protocolSeed)
        let engine = EagerEngine(model: network, optimizer: WorkloadFactory.optimizer(spec.optimizer))
        var source = Self.batchSource(dataset: dataset, batchSize: spec.batchSize, trial: trial, seed: protocolSeed)
        var losses: [Double] = []
        for _ in 0..<steps {
            let batch = source.next()
            losses.append(Double(try engine.trainStep(inputs: batch.inputs, labels: batch.labels)))
        }
        referenceLosses[key] = losses
        return losses
    }

    /// The same batch order as `TrialExecutor.train` (seed: protocol seed + trial index).
    private static func batchSource(dataset: LabeledDataset, batchSize: Int, trial: Int, seed: UInt64) -> BatchSource {
        BatchSource(split: dataset.train, batchSize: batchSize, seed: seed &+ UInt64(trial), shuffles: true)
    }

    static func initialModel(_ spec: ModelSpec, dataset: LabeledDataset, protocolSeed: UInt64) throws -> any Layer {
        let model = try WorkloadFactory.model(spec, dataset: dataset, protocolSeed: protocolSeed)
        if let path = spec.initialWeights { try CheckpointFiles.load(path, into: model) }
        return model
    }
}
