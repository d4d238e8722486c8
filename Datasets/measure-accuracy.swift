// Reproduces the accuracy table in Datasets/README.md. Not part of the package: copy it into a temporary
// executable target depending on Datasets, Models, Engines and TensorCore, build with -c release, run with
// an argument cnn | mlp | lstm | transformer | textmlp.
import Datasets
import Engines
import Foundation
import Models
import TensorCore

func evaluate(_ engine: any Engine, _ split: LabeledSplit) throws -> Double {
    var correct = 0
    var start = 0
    while start < split.count {
        let end = min(start + 250, split.count)
        let batch = split.batch(start..<end)
        let inputs = Tensor(shape: Shape([end - start] + split.exampleShape), values: Array(batch.features))
        let logits = try engine.infer(inputs: inputs).values()
        for row in 0..<(end - start) {
            var best = 0
            for column in 1..<split.classes where logits[row * split.classes + column] > logits[row * split.classes + best] { best = column }
            if best == batch.labels[batch.labels.startIndex + row] { correct += 1 }
        }
        start = end
    }
    return Double(correct) / Double(split.count)
}

func train(_ label: String, model: any Layer, optimizer: any Optimizer, dataset: LabeledDataset, steps: Int, batchSize: Int) throws {
    let engine = EagerEngine(model: model, optimizer: optimizer)
    var generator = SeededGenerator(seed: 1)
    var order = Array(0..<dataset.train.count)
    var position = order.count
    let clock = Date()
    var loss: Float = 0
    for step in 0..<steps {
        if position + batchSize > order.count { order.shuffle(using: &generator); position = 0 }
        let indices = Array(order[position..<(position + batchSize)])
        position += batchSize
        let subset = dataset.train.subset(indices)
        loss = try engine.trainStep(inputs: Tensor(shape: Shape([batchSize] + subset.exampleShape), values: subset.features),
                                    labels: Tensor(shape: [batchSize], values: subset.labels.map(Float.init)))
        if step % 500 == 0 { print("  \(label) step \(step) loss \(loss)") ; fflush(stdout) }
    }
    let accuracy = try evaluate(engine, dataset.test)
    print(String(format: "%@: %d steps × batch %d, final loss %.3f, test accuracy %.3f (%.0f s)", label, steps, batchSize,
                 loss, accuracy, Date().timeIntervalSince(clock)))
    fflush(stdout)
}

let which = CommandLine.arguments.dropFirst().first ?? "all"
let digits = SyntheticDigits.make(name: "synthetic-digits", trainSamples: 8000, testSamples: 2000, noise: 0.2, seed: 42)
let text = try SyntheticText.make(name: "synthetic-text", trainSamples: 8000, testSamples: 2000, vocabulary: 32, sequenceLength: 16,
                                  classes: 4, seed: 42)
if which == "all" || which == "cnn" {
    try train("synthetic-digits CNN [(8,3),(16,3)] pool 2", model: try CNN.make(inputShape: [1, 28, 28], convolutions: [(8, 3), (16, 3)], pool: 2,
                                                                   classes: 10, seed: 7),
              optimizer: Adam(learningRate: 1e-3), dataset: digits, steps: 1500, batchSize: 32)
}
if which == "all" || which == "mlp" {
    try train("synthetic-digits MLP 784-128-10", model: Sequential([Flatten(), MLP.make(inputs: 784, hidden: [128], outputs: 10, activation: .relu, seed: 7)]),
              optimizer: Adam(learningRate: 1e-3), dataset: digits, steps: 1500, batchSize: 32)
}
if which == "all" || which == "lstm" {
    try train("synthetic-text LSTM emb 16 hidden 32", model: try LSTMClassifier.make(vocabulary: 32, embeddingWidth: 16, hiddenWidth: 32, classes: 4, seed: 7),
              optimizer: Adam(learningRate: 3e-3), dataset: text, steps: 2000, batchSize: 32)
}
if which == "all" || which == "transformer" {
    try train("synthetic-text Transformer width 32, 2 heads, 2 layers, ffn 64",
              model: try Transformer.make(vocabulary: 32, sequenceLength: 16, modelWidth: 32, heads: 2, layers: 2, feedForwardWidth: 64,
                                          classes: 4, seed: 7),
              optimizer: Adam(learningRate: 1e-3), dataset: text, steps: 2000, batchSize: 32)
}
if which == "all" || which == "textmlp" {
    try train("synthetic-text MLP 16-64-4 (token ids as numbers)", model: MLP.make(inputs: 16, hidden: [64], outputs: 4, activation: .relu, seed: 7),
              optimizer: Adam(learningRate: 1e-3), dataset: text, steps: 2000, batchSize: 32)
}
