import TensorCore

/// Executes each op as it is called and differentiates the recorded origins, as PyTorch eager does.
public final class EagerEngine: Engine {
    public let model: any Layer
    public let optimizer: any Optimizer
    public var name: String { "eager" }

    public init(model: any Layer, optimizer: any Optimizer) {
        self.model = model
        self.optimizer = optimizer
    }

    public func trainStep(inputs: Tensor, labels: Tensor) throws -> Float {
        let parameters = model.parameters
        let loss = try ExecutionContext.withTraining(true) {
            try model(inputs).softmaxCrossEntropy(labels: labels)
        }
        let gradients = try Gradients.of(loss, withRespectTo: parameters.map(\.value))
        try optimizer.update(parameters, gradients: gradients)
        return try loss.scalarValue()
    }

    public func infer(inputs: Tensor) throws -> Tensor {
        try ExecutionContext.withTraining(false) {
            try ExecutionContext.withoutGradients { try model(inputs) }
        }
    }

    public var optimizerStateBytes: Int { optimizer.stateBytes }
}
