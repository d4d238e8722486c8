import Datasets
import Foundation
import Models
import ProtocolModel
import TensorCore

/// Model weights in and out of safetensors files: `init` in a protocol's model entry loads a file over the
/// seeded initial weights; `exportWeights` in a train task writes the trained parameters after each trial
/// (the last finished trial of the last case wins the path). Names and layout follow `Checkpoint`.
enum CheckpointFiles {
    static func load(_ path: String, into model: any Layer) throws {
        let adapter = model as? any CheckpointAdapting
        let file = try SafeTensorsFile.read(path) { adapter?.ignoresTensor(named: $0) ?? false }
        var tensors = file.tensors.map { CheckpointTensor(name: $0.name, shape: $0.shape, values: $0.values) }
        if let adapter { tensors = try adapter.adapted(tensors) }
        try Checkpoint.load(tensors, into: model, source: path)
    }

    static func export(_ model: any Layer, to path: String, metadata: [String: String]) throws {
        let tensors = try Checkpoint.tensors(of: model).map { SafeTensor(name: $0.name, shape: $0.shape, values: $0.values) }
        let file = SafeTensorsFile(tensors: tensors, metadata: metadata.merging(["format": "pt"]) { current, _ in current })
        try OutputFileGuard.write(try file.encoded(file: path), to: path, key: "exportWeights")
    }
}

extension TrialExecutor {
    /// Provenance stored in an exported file's `__metadata__`.
    var exportMetadata: [String: String] {
        ["dlbench.protocol": benchmark.name, "dlbench.task": plannedCase.task.name,
         "dlbench.engine": plannedCase.engine.name, "dlbench.trial": String(trialIndex)]
    }
}
