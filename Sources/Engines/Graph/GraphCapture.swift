import TensorCore

/// Runs model code once on symbolic tensors to record a whole step: forward, backward (through the same VJP
/// rules the eager engine uses) and the optimizer update. Parameters are temporarily replaced by placeholders
/// and restored afterwards, so the model object is left exactly as it was.
public enum GraphCapture {
    public static func trainingStep(model: any Layer, optimizer: any Optimizer, inputShape: Shape,
                                    labelShape: Shape) throws -> ComputationGraph {
        let tracer = TracingExecutor()
        let parameters = model.parameters
        let saved = parameters.map(\.value)
        defer { for (parameter, value) in zip(parameters, saved) { parameter.assign(value) } }

        for (index, parameter) in parameters.enumerated() {
            parameter.assign(tracer.placeholder(parameter.value.shape, role: .parameter(index), requiresGradient: true))
        }
        // The model reads `Parameter.value`, so gradients are taken with respect to exactly those leaves.
        let parameterInputs = parameters.map(\.value)
        let stateInputs = parameters.enumerated().map { index, parameter in
            (0..<optimizer.stateSlotsPerParameter).map { slot in
                tracer.placeholder(parameter.value.shape, role: .optimizerState(parameter: index, slot: slot))
            }
        }
        let scalarCount = optimizer.nextStepScalarsCount
        let scalars = (0..<scalarCount).map { tracer.placeholder(.scalar, role: .stepScalar($0)) }
        let inputs = tracer.placeholder(inputShape, role: .batchInputs)
        let labels = tracer.placeholder(labelShape, role: .batchLabels)

        var outputs: [(node: Int, role: OutputRole)] = []
        try ExecutionContext.withExecutor(tracer) {
            let loss = try ExecutionContext.withTraining(true) {
                try model(inputs).softmaxCrossEntropy(labels: labels)
            }
            let gradients = try Gradients.of(loss, withRespectTo: parameterInputs)
            outputs.append((tracer.node(of: loss), .loss))
            try ExecutionContext.withoutGradients {
                for index in parameters.indices {
                    let updated = try optimizer.apply(parameter: parameterInputs[index].detached(),
                                                      gradient: gradients[index], state: stateInputs[index],
                                                      scalars: scalars)
                    outputs.append((tracer.node(of: updated.parameter), .parameter(index)))
                    for (slot, state) in updated.state.enumerated() {
                        outputs.append((tracer.node(of: state), .optimizerState(parameter: index, slot: slot)))
                    }
                }
            }
        }
        return ComputationGraph(nodes: tracer.nodes, outputs: outputs)
    }

    /// The forward pass in evaluation mode: parameters and a batch in, logits out.
    public static func inference(model: any Layer, inputShape: Shape) throws -> ComputationGraph {
        let tracer = TracingExecutor()
        let parameters = model.parameters
        let saved = parameters.map(\.value)
        defer { for (parameter, value) in zip(parameters, saved) { parameter.assign(value) } }
        for (index, parameter) in parameters.enumerated() {
            parameter.assign(tracer.placeholder(parameter.value.shape, role: .parameter(index)))
        }
        let inputs = tracer.placeholder(inputShape, role: .batchInputs)
        var output = 0
        try ExecutionContext.withExecutor(tracer) {
            try ExecutionContext.withTraining(false) {
                try ExecutionContext.withoutGradients { output = tracer.node(of: try model(inputs)) }
            }
        }
        return ComputationGraph(nodes: tracer.nodes, outputs: [(output, .logits)])
    }
}
