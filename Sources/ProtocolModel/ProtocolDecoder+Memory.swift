import Foundation

/// The memory a task needs, estimated from the protocol alone before anything is allocated, so that a protocol
/// asking for more than the machine has is an error at `validate` time naming the task, not an out-of-memory kill
/// or a trap halfway through a run. The estimate is a lower bound (generated examples twice — the generator's
/// arrays and the split the task trains on — the model's parameters with
/// their gradients and two optimizer slots, one batch of activations per layer, forward and backward), in `Double`
/// so that no product of protocol values can overflow.
struct MemoryEstimate: Equatable {
    var datasetBytes: Double
    var modelBytes: Double
    var activationBytes: Double

    var total: Double { datasetBytes + modelBytes + activationBytes }

    static let bytesPerValue = 4.0
    /// Weights, gradients and two optimizer slots (Adam's moments; SGD's momentum is one).
    static let copiesOfParameters = 4.0
    static let copiesOfDataset = 2.0

    init(task: TaskSpec, dataset: DatasetSpec, model: ModelSpec) {
        let features = MemoryEstimate.featuresPerExample(dataset.source)
        let examples = MemoryEstimate.generatedExamples(dataset.source)
        datasetBytes = examples * (features ?? 0) * MemoryEstimate.bytesPerValue * MemoryEstimate.copiesOfDataset
        let classes = Double(MemoryEstimate.classes(dataset.source))
        let input = features ?? 1
        let widths: [Double]
        switch model.architecture {
        case let .mlp(spec): widths = [input] + spec.hidden.map(Double.init) + [classes]
        case let .cnn(spec): widths = [input] + spec.convolutions.map { Double($0.channels) } + [classes]
        case let .transformer(spec): widths = [Double(spec.modelWidth), Double(spec.feedForwardWidth), classes]
        case let .lstm(spec): widths = [Double(spec.embeddingWidth), Double(spec.hiddenWidth) * 4, classes]
        case let .bert(spec): widths = [Double(spec.hiddenWidth), Double(spec.intermediateWidth), classes]
        }
        var parameters = zip(widths, widths.dropFirst()).reduce(0.0) { $0 + $1.0 * $1.1 + $1.1 }
        if case let .bert(spec) = model.architecture {
            // A pre-trained encoder's size is known exactly: embedding tables and every layer's four attention
            // and two feed-forward matrices.
            let hidden = Double(spec.hiddenWidth), intermediate = Double(spec.intermediateWidth)
            let tables = Double((spec.vocabulary ?? 0) + spec.maxPositions + spec.typeVocabulary) * hidden
            parameters += tables + Double(spec.layers) * (4 * hidden * hidden + 2 * hidden * intermediate)
        }
        modelBytes = parameters * MemoryEstimate.bytesPerValue * MemoryEstimate.copiesOfParameters
        let batch: Double
        switch task.workload {
        case let .train(spec): batch = Double(spec.batchSize)
        case let .infer(spec): batch = Double(spec.batchSizes.max() ?? 1)
        }
        activationBytes = batch * widths.reduce(0, +) * MemoryEstimate.bytesPerValue * 2
    }

    private static func featuresPerExample(_ source: DatasetSource) -> Double? {
        switch source {
        case let .gaussianClusters(spec): return Double(spec.features)
        case .syntheticDigits: return 28 * 28
        case let .syntheticText(spec): return Double(spec.sequenceLength)
        case let .files(spec):
            if let sequenceLength = spec.sequenceLength { return Double(sequenceLength) }
            return spec.shape.map { $0.reduce(1.0) { $0 * Double($1) } }
        }
    }

    /// Examples a generator makes up front; file datasets are sized by their files (their loaders check those).
    private static func generatedExamples(_ source: DatasetSource) -> Double {
        switch source {
        case let .gaussianClusters(spec): return Double(spec.trainSamples) + Double(spec.testSamples)
        case let .syntheticDigits(spec): return Double(spec.trainSamples) + Double(spec.testSamples)
        case let .syntheticText(spec): return Double(spec.trainSamples) + Double(spec.testSamples)
        case .files: return 0
        }
    }

    private static func classes(_ source: DatasetSource) -> Int {
        switch source {
        case let .gaussianClusters(spec): return spec.classes
        case .syntheticDigits: return 10
        case let .syntheticText(spec): return spec.classes
        case let .files(spec): return spec.classes
        }
    }
}

extension ProtocolDecoder {
    /// Reports every task whose estimated memory exceeds the machine's; run after everything else decoded, when
    /// `tasks` lines up with the document's `tasks` array.
    func checkMemory(of benchmark: BenchmarkProtocol, document: JSONValue,
                     available: Double = Double(ProcessInfo.processInfo.physicalMemory)) {
        let elements = document.objectMembers?.first { $0.key == "tasks" }?.value.arrayElements ?? []
        for (index, task) in benchmark.tasks.enumerated() {
            guard let dataset = benchmark.dataset(named: task.dataset),
                  let model = benchmark.models.first(where: { $0.name == task.model }) else { continue }
            let estimate = MemoryEstimate(task: task, dataset: dataset, model: model)
            guard estimate.total > available else { continue }
            let parts = [("dataset '\(dataset.name)'", estimate.datasetBytes),
                         ("model '\(model.name)' with gradients and optimizer state", estimate.modelBytes),
                         ("one batch of activations", estimate.activationBytes)]
                .filter { $0.1 > 0 }.map { "\($0.0) \(MemoryEstimate.format($0.1))" }
            context.report("expected a task that fits this machine's \(MemoryEstimate.format(available)) of memory, "
                           + "found one that needs at least \(MemoryEstimate.format(estimate.total)) ("
                           + parts.joined(separator: ", ") + "); shrink the dataset, the model or the batch",
                           at: JSONPath.root.appending("tasks").appending(index: index),
                           position: index < elements.count ? elements[index].position : nil)
        }
    }
}

extension MemoryEstimate {
    static func format(_ bytes: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = bytes
        var unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return value >= 1000 ? String(format: "%.2e B", bytes) : String(format: unit == 0 ? "%.0f %@" : "%.1f %@", value, units[unit])
    }
}
